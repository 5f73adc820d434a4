package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cached-second formatter writes exactly what the plain pattern writes, across seconds and years. */
class TimestampsTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void matchesTheReferencePattern() {
        SplittableRandom random = new SplittableRandom(42);
        Instant start = Instant.parse("2026-12-31T23:59:58.990Z");
        for (int i = 0; i < 5_000; i++) {
            Instant instant = start.plusNanos(random.nextLong(3_000_000_000L));
            assertThat(Timestamps.format(instant)).isEqualTo(REFERENCE.format(instant));
        }
        for (String text : new String[] {"1970-01-01T00:00:00.000Z", "2024-02-29T12:00:00.001Z", "2099-12-31T23:59:59.999Z"}) {
            assertThat(Timestamps.format(Instant.parse(text))).isEqualTo(text);
        }
    }
}
