package io.portico.functions.engine.mappings;

import java.math.BigInteger;

/** Stream sequence numbers are decimal strings of any length: compared as numbers, not as text. */
final class SequenceNumbers {
    private SequenceNumbers() {
    }

    static int compare(String a, String b) {
        if (a.length() != b.length() && a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit)) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        return a.compareTo(b);
    }
}
