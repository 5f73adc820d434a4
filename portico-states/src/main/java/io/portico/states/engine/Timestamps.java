package io.portico.states.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The timestamp format of the context object: ISO 8601 UTC with milliseconds, as AWS writes it.
 *
 * <p>Every state entered formats one ({@code $$.State.EnteredTime}), so the text up to the second is
 * kept for the second it was made for and only the milliseconds are appended anew: formatting with
 * {@link DateTimeFormatter} each time cost EXPRESS executions several per cent of their time.
 */
public final class Timestamps {
    private static final DateTimeFormatter TO_THE_SECOND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

    /** One second's text; replaced, never changed, so threads share it without locking. */
    private record Second(long epochSecond, String text) {
    }

    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private Timestamps() {
    }

    public static String format(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        Second second = last;
        if (second.epochSecond() != epochSecond) {
            second = new Second(epochSecond, TO_THE_SECOND.format(instant));
            last = second;
        }
        int millis = instant.getNano() / 1_000_000;
        return new StringBuilder(second.text().length() + 4).append(second.text())
                .append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).append('Z').toString();
    }
}
