package io.portico.tables.engine.partiql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PartiQL statement into tokens: names (unquoted, or double-quoted with {@code ""} for a quote),
 * single-quoted strings ({@code ''} for a quote), numbers, {@code ?}, and punctuation including
 * {@code <<} and {@code >>} for set literals.
 */
final class StatementLexer {
    enum Type {
        NAME, QUOTED_NAME, STRING, NUMBER, PARAMETER, SYMBOL, EOF
    }

    record Token(Type type, String text, int position) {
        boolean isKeyword(String word) {
            return type == Type.NAME && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return type == Type.SYMBOL && text.equals(symbol);
        }
    }

    private static final List<String> SYMBOLS = List.of("<<", ">>", "<>", "!=", "<=", ">=", "(", ")", "[", "]", "{",
            "}", ",", ".", ":", "*", "=", "<", ">", "+", "-");

    private StatementLexer() {
    }

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int pos = 0;
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                tokens.add(new Token(Type.EOF, "<EOF>", pos));
                return tokens;
            }
            char c = text.charAt(pos);
            int start = pos;
            if (Character.isLetter(c) || c == '_') {
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                    pos++;
                }
                tokens.add(new Token(Type.NAME, text.substring(start, pos), start));
            } else if (Character.isDigit(c)) {
                while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                        || Character.toLowerCase(text.charAt(pos)) == 'e')) {
                    pos++;
                }
                tokens.add(new Token(Type.NUMBER, text.substring(start, pos), start));
            } else if (c == '\'' || c == '"') {
                StringBuilder value = new StringBuilder();
                pos++;
                while (true) {
                    if (pos >= text.length()) {
                        throw StatementParser.malformed("unterminated " + (c == '"' ? "quoted name" : "string"));
                    }
                    if (text.charAt(pos) == c) {
                        if (pos + 1 < text.length() && text.charAt(pos + 1) == c) {
                            value.append(c);
                            pos += 2;
                            continue;
                        }
                        pos++;
                        break;
                    }
                    value.append(text.charAt(pos++));
                }
                tokens.add(new Token(c == '"' ? Type.QUOTED_NAME : Type.STRING, value.toString(), start));
            } else if (c == '?') {
                pos++;
                tokens.add(new Token(Type.PARAMETER, "?", start));
            } else {
                String symbol = symbolAt(text, pos);
                pos += symbol.length();
                tokens.add(new Token(Type.SYMBOL, symbol, start));
            }
        }
    }

    private static String symbolAt(String text, int pos) {
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol, pos)) {
                return symbol;
            }
        }
        throw StatementParser.malformed("unexpected character " + text.charAt(pos));
    }
}
