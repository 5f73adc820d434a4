package io.portico.core.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Timestamps between documents (epoch seconds, a number) and the wire's three formats: epoch seconds
 * ({@code unixTimestamp}, JSON bodies), ISO-8601 ({@code iso8601}, XML and query strings) and the HTTP date
 * ({@code rfc822}, headers). Stateless.
 */
final class Timestamps {
    /** 9999-12-31T23:59:59Z: the last second every wire format can write. */
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(253_402_300_799L);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** The wire text of a document timestamp in {@code format}. */
    static String format(JsonNode epochSeconds, String format) {
        Instant instant = instant(epochSeconds);
        return switch (format) {
            case "rfc822" -> DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(instant);
            case "unixTimestamp" -> epochSeconds.asText();
            default -> ISO.format(instant);
        };
    }

    /** Whether a JSON number is epoch seconds every format can write (finite, within years 0001 to 9999). */
    static boolean inRange(JsonNode seconds) {
        if (!Double.isFinite(seconds.doubleValue())) {
            return false;
        }
        return seconds.decimalValue().abs().compareTo(MAX_SECONDS) <= 0;
    }

    /** A document timestamp from wire text in any of the three formats; empty when it is none of them. */
    static Optional<JsonNode> parse(String text) {
        try {
            BigDecimal seconds = new BigDecimal(text);
            return seconds.abs().compareTo(MAX_SECONDS) <= 0 ? Optional.of(node(seconds)) : Optional.empty();
        } catch (NumberFormatException notNumber) {
            // try the textual forms
        }
        try {
            return Optional.of(of(Instant.parse(text)));
        } catch (DateTimeParseException notIso) {
            // try the HTTP date
        }
        try {
            return Optional.of(of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(text))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Instant instant(JsonNode epochSeconds) {
        BigDecimal seconds = epochSeconds.decimalValue();
        long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
        int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    static JsonNode of(Instant instant) {
        return node(BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3));
    }

    private static JsonNode node(BigDecimal seconds) {
        return DecimalNode.valueOf(seconds);
    }
}
