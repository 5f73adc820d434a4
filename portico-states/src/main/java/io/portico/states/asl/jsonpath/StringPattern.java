package io.portico.states.asl.jsonpath;

/**
 * StringMatches patterns: {@code *} matches any run of characters (including none); {@code \*} is a
 * literal star and {@code \\} a literal backslash. Matching is a linear-time greedy walk with
 * backtracking to the last star, so hostile patterns cannot blow up. Thread safe (stateless).
 */
final class StringPattern {

    private StringPattern() {
    }

    static boolean matches(String pattern, String text) {
        // Tokenise once: literal chars, with STAR marking an unescaped '*'.
        int[] tokens = new int[pattern.length()];
        int n = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                tokens[n++] = pattern.charAt(++i);
            } else {
                tokens[n++] = c == '*' ? -1 : c;
            }
        }
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = -1;
        while (t < text.length()) {
            if (p < n && tokens[p] != -1 && tokens[p] == text.charAt(t)) {
                p++;
                t++;
            } else if (p < n && tokens[p] == -1) {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < n && tokens[p] == -1) {
            p++;
        }
        return p == n;
    }
}
