package io.portico.tables.engine.expression;

import io.portico.tables.engine.expression.Token.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens. It never fails: a character that starts no token becomes an
 * {@link Type#UNKNOWN} token, so the error is the parser's and names the first token the grammar cannot
 * take, as DynamoDB's does ({@code Syntax error; token: ":", near: "hits : incr"}).
 */
final class Lexer {
    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String source) {
        this.source = source;
    }

    static List<Token> tokens(String source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipBlanks();
            if (pos >= source.length()) {
                tokens.add(new Token(Type.EOF, "<EOF>", pos, pos));
                return;
            }
            int start = pos;
            char c = source.charAt(pos);
            if (isNameStart(c)) {
                pos = nameEnd(pos);
                add(Type.NAME, start);
            } else if (isDigit(c)) {
                while (pos < source.length() && isDigit(source.charAt(pos))) {
                    pos++;
                }
                add(Type.NUMBER, start);
            } else if ((c == '#' || c == ':') && pos + 1 < source.length() && isNamePart(source.charAt(pos + 1))) {
                pos = nameEnd(pos + 1);
                add(c == '#' ? Type.NAME_REF : Type.VALUE_REF, start);
            } else {
                punctuation(c, start);
            }
        }
    }

    private void punctuation(char c, int start) {
        char next = pos + 1 < source.length() ? source.charAt(pos + 1) : 0;
        Type type = switch (c) {
            case '(' -> Type.LPAREN;
            case ')' -> Type.RPAREN;
            case '[' -> Type.LBRACKET;
            case ']' -> Type.RBRACKET;
            case ',' -> Type.COMMA;
            case '.' -> Type.DOT;
            case '=' -> Type.EQ;
            case '+' -> Type.PLUS;
            case '-' -> Type.MINUS;
            case '<' -> next == '>' ? Type.NE : next == '=' ? Type.LE : Type.LT;
            case '>' -> next == '=' ? Type.GE : Type.GT;
            default -> Type.UNKNOWN;
        };
        pos += type == Type.NE || type == Type.LE || type == Type.GE ? 2 : Character.charCount(source.codePointAt(pos));
        add(type, start);
    }

    private void add(Type type, int start) {
        tokens.add(new Token(type, source.substring(start, pos), start, pos));
    }

    private void skipBlanks() {
        while (pos < source.length() && " \t\r\n".indexOf(source.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private int nameEnd(int from) {
        int end = from;
        while (end < source.length() && isNamePart(source.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
