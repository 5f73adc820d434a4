package io.portico.states.asl.jsonpath;

/**
 * An intrinsic function expression that does not parse. {@link #position()} is the zero-based offset in
 * the expression where the problem was found; the message names it too. Immutable.
 */
public final class IntrinsicParseException extends IllegalArgumentException {
    private final String expression;
    private final int position;

    IntrinsicParseException(String expression, int position, String problem) {
        super(problem + " at position " + position + " in '" + expression + "'");
        this.expression = expression;
        this.position = position;
    }

    public String expression() {
        return expression;
    }

    public int position() {
        return position;
    }
}
