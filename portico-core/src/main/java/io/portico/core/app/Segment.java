package io.portico.core.app;

/**
 * One segment of a host or path pattern. The cases are ordered by how specific they are, which is what
 * route precedence compares: a literal beats a label, a label beats a greedy label, and a greedy label
 * beats the open tail of a prefix. Immutable.
 */
sealed interface Segment {

    /** This segment's rank in route precedence; lower is more specific. */
    int rank();

    /** Exactly this text (compared case-insensitively in hosts). */
    record Literal(String text) implements Segment {
        @Override
        public int rank() {
            return 0;
        }
    }

    /** {@code {name}}: any one non-empty segment, captured under {@code name}. */
    record Label(String name) implements Segment {
        @Override
        public int rank() {
            return 1;
        }
    }

    /** {@code {name+}}, last only: one or more segments, captured (joined) under {@code name}. */
    record Greedy(String name) implements Segment {
        @Override
        public int rank() {
            return 2;
        }
    }

    /** The open end of a prefix, last only: zero or more segments, not captured. */
    record Rest() implements Segment {
        @Override
        public int rank() {
            return 3;
        }
    }
}
