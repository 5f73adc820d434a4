package io.portico.tables.engine.stream;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Sequence numbers as DynamoDB Streams prints them: decimal strings of 21 digits or more (the model's
 * {@code SequenceNumber} is 21 to 40 characters) that compare numerically. A stream's record {@code n}
 * (from 1) is {@code 10^20 + n}, so the text has 21 digits until a stream has written 9 × 10^20 records,
 * sorts the same as a number and as text, and is strictly increasing in the stream, as AWS's are per shard.
 * Stateless.
 */
public final class SequenceNumbers {
    private static final BigInteger BASE = BigInteger.TEN.pow(20);
    private static final BigInteger MAX = BASE.add(BigInteger.valueOf(Long.MAX_VALUE));

    private SequenceNumbers() {
    }

    public static String format(long sequence) {
        return BASE.add(BigInteger.valueOf(sequence)).toString();
    }

    /** The stream position a printed sequence number names; empty when it is no number Portico printed. */
    public static Optional<Long> parse(String text) {
        if (text.isEmpty() || text.length() > 40 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(BASE) <= 0 || value.compareTo(MAX) > 0) {
            return Optional.empty();
        }
        return Optional.of(value.subtract(BASE).longValueExact());
    }
}
