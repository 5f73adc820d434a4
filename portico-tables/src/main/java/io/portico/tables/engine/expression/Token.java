package io.portico.tables.engine.expression;

/** One token of an expression with where it stands in the source ({@code start} inclusive, {@code end} exclusive). */
record Token(Type type, String text, int start, int end) {

    enum Type {
        NAME, NAME_REF, VALUE_REF, NUMBER,
        LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT,
        EQ, NE, LT, LE, GT, GE, PLUS, MINUS,
        /** A character no token starts with; the parser fails when it reaches one. */
        UNKNOWN,
        EOF
    }

    boolean is(Type wanted) {
        return type == wanted;
    }

    /** Whether this is the keyword {@code word} (keywords are case-insensitive names). */
    boolean isKeyword(String word) {
        return type == Type.NAME && text.equalsIgnoreCase(word);
    }

    boolean isComparator() {
        return switch (type) {
            case EQ, NE, LT, LE, GT, GE -> true;
            default -> false;
        };
    }
}
