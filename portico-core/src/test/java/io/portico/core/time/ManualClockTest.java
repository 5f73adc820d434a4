package io.portico.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final ManualClock clock = ManualClock.at(START);

    @Test
    void instant_standsStillUntilAdvanced() {
        assertThat(clock.instant()).isEqualTo(START);
        clock.advance(Duration.ofSeconds(90));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(90));
        assertThat(clock.millis()).isEqualTo(START.plusSeconds(90).toEpochMilli());
    }

    @Test
    void advance_backwards_isRejected() {
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void advanceTo_movesOnlyForward() {
        clock.advanceTo(START.plusSeconds(5));
        clock.advanceTo(START.plusSeconds(1));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(5));
    }

    @Test
    void withZone_sharesTheTimeAndTheSubscribers() {
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        AtomicInteger notified = new AtomicInteger();
        ((ManualClock) paris).onAdvance(notified::incrementAndGet);

        clock.advance(Duration.ofMinutes(1));

        assertThat(paris.instant()).isEqualTo(START.plusSeconds(60));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(notified).hasValue(1);
    }

    @Test
    void onAdvance_notifiesUntilTheSubscriptionIsClosed() {
        AtomicInteger notified = new AtomicInteger();
        ManualClock.Subscription subscription = clock.onAdvance(notified::incrementAndGet);
        clock.advance(Duration.ofSeconds(1));
        clock.advanceTo(START.plusSeconds(3));
        subscription.close();
        clock.advance(Duration.ofSeconds(1));

        assertThat(notified).hasValue(2);
    }
}
