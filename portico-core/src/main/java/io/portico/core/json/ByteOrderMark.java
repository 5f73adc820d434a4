package io.portico.core.json;

/**
 * The byte-order marks of UTF-8, UTF-16 and UTF-32. AWS's JSON protocols carry UTF-8 without one, and
 * Jackson's byte reader would silently skip one (and switch to UTF-16 for its marks), so
 * {@link Json#readOne} refuses them itself.
 */
final class ByteOrderMark {
    /**
     * What Jackson reports for U+FEFF at the start of text it reads as characters, which is how a front end
     * that decodes the body before parsing it (as AWS's do) sees any of the marks.
     */
    static final String AS_PARSED = "Unexpected character ('\uFEFF' (code 65279 / 0xfeff)): expected a valid value"
            + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

    private static final byte[][] MARKS = {
        {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        {(byte) 0xFE, (byte) 0xFF},
        {(byte) 0xFF, (byte) 0xFE},
        {0, 0, (byte) 0xFE, (byte) 0xFF},
    };

    private ByteOrderMark() {
    }

    static boolean startsOf(byte[] text) {
        for (byte[] mark : MARKS) {
            if (startsWith(text, mark)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] text, byte[] prefix) {
        if (text.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (text[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
