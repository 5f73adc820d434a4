package io.portico.states.asl.jsonpath;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for intrinsic function calls. Grammar:
 * <pre>
 *   call := name '(' [arg (',' arg)*] ')'        name := 'States.' letters
 *   arg  := 'string' | number | true | false | null | path | call
 * </pre>
 * String literals use single quotes; {@code \'}, {@code \\}, {@code \{} and {@code \}} are escapes. A
 * path runs to the next top-level comma or closing parenthesis (brackets and quotes inside it are
 * respected, so filters like {@code $.a[?(@.b == 'x,y')]} work).
 *
 * <p>AWS documents that a field nests at most {@value #MAX_CALLS} intrinsic functions (its example of
 * nine counts every call in the field, not the depth), so a longer expression fails to parse: a
 * definition cannot nest calls deep enough to overflow this parser's recursion or to build a value
 * nested deeper than the engine can write. Not thread safe: one instance per parse.
 */
final class IntrinsicParser {
    /** "You can nest up to 10 intrinsic functions within a field" (AWS, Intrinsic functions). */
    static final int MAX_CALLS = 10;

    private final String src;
    private int pos;
    private int calls;

    private IntrinsicParser(String src) {
        this.src = src;
    }

    static IntrinsicCall parse(String expression) {
        IntrinsicParser parser = new IntrinsicParser(expression);
        parser.skipSpaces();
        IntrinsicCall call = parser.call();
        parser.skipSpaces();
        if (parser.pos != expression.length()) {
            throw parser.error("Unexpected text after the closing parenthesis");
        }
        return call;
    }

    private IntrinsicCall call() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
            pos++;
        }
        String name = src.substring(start, pos);
        if (name.isEmpty()) {
            throw error("Expected a function name");
        }
        if (!IntrinsicLibrary.exists(name)) {
            pos = start;
            throw error("Unknown intrinsic function '" + name + "'");
        }
        if (++calls > MAX_CALLS) {
            pos = start;
            throw error("More than " + MAX_CALLS + " intrinsic functions nested in one field");
        }
        skipSpaces();
        expect('(');
        List<IntrinsicArg> args = new ArrayList<>();
        skipSpaces();
        if (peek() == ')') {
            pos++;
            return new IntrinsicCall(name, args, start);
        }
        while (true) {
            skipSpaces();
            args.add(arg());
            skipSpaces();
            char c = peek();
            pos++;
            if (c == ')') {
                return new IntrinsicCall(name, args, start);
            }
            if (c != ',') {
                pos--;
                throw error("Expected ',' or ')'");
            }
        }
    }

    private IntrinsicArg arg() {
        char c = peek();
        if (c == '\'') {
            return text();
        }
        if (c == '$') {
            return path();
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        if (Character.isLetter(c)) {
            for (String word : new String[] {"true", "false", "null"}) {
                if (src.startsWith(word, pos) && !isNameChar(pos + word.length())) {
                    pos += word.length();
                    JsonNodeFactory f = JsonNodeFactory.instance;
                    return new IntrinsicArg.Literal(switch (word) {
                        case "true" -> f.booleanNode(true);
                        case "false" -> f.booleanNode(false);
                        default -> f.nullNode();
                    });
                }
            }
            return call();
        }
        throw error(c == 0 ? "Unexpected end of expression" : "Unexpected character '" + c + "'");
    }

    private IntrinsicArg.Text text() {
        int start = ++pos;
        StringBuilder value = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < src.length()) {
                value.append(src.charAt(pos + 1));
                pos += 2;
            } else if (c == '\'') {
                String raw = src.substring(start, pos);
                pos++;
                return new IntrinsicArg.Text(value.toString(), raw);
            } else {
                value.append(c);
                pos++;
            }
        }
        pos = start - 1;
        throw error("Unterminated string literal");
    }

    private IntrinsicArg.Path path() {
        int start = pos;
        int depth = 0;
        char quote = 0;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (quote != 0) {
                if (c == '\\' && pos + 1 < src.length()) {
                    pos++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || (c == ')' && depth > 0)) {
                depth--;
            } else if (depth == 0 && (c == ',' || c == ')')) {
                break;
            }
            pos++;
        }
        String path = src.substring(start, pos).strip();
        return new IntrinsicArg.Path(path);
    }

    private IntrinsicArg.Literal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (pos < src.length() && "0123456789.eE+-".indexOf(src.charAt(pos)) >= 0) {
            pos++;
        }
        String text = src.substring(start, pos);
        try {
            JsonNodeFactory f = JsonNodeFactory.instance;
            if (text.matches("-?\\d+")) {
                BigInteger big = new BigInteger(text);
                return new IntrinsicArg.Literal(big.bitLength() < 32 ? f.numberNode(big.intValue())
                        : big.bitLength() < 64 ? f.numberNode(big.longValue()) : f.numberNode(big));
            }
            return new IntrinsicArg.Literal(f.numberNode(new BigDecimal(text).doubleValue()));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("Invalid number '" + text + "'");
        }
    }

    private boolean isNameChar(int at) {
        return at < src.length() && (Character.isLetterOrDigit(src.charAt(at)) || src.charAt(at) == '.');
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("Expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : 0;
    }

    private void skipSpaces() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private IntrinsicParseException error(String problem) {
        return new IntrinsicParseException(src, pos, problem);
    }

}
