package io.portico.states.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits delimited text into records of string fields, following the rules Step Functions documents
 * for ItemReader ("How Step Functions parses input CSV files"), which extend RFC 4180:
 *
 * <ul>
 *   <li>records end at a newline ({@code \n}, {@code \r\n} or a lone {@code \r}) outside double quotes;
 *   <li>a field that starts with {@code "} is quoted: delimiters and newlines inside are data, and
 *       {@code ""} inside is one quote;
 *   <li>inside an unquoted field a quote is data, and {@code ""} is one quote as well (AWS's own
 *       example reads {@code {""MyKey"":""MyValue""}} as {@code {"MyKey":"MyValue"}});
 *   <li>a backslash escapes the next character: {@code \\}, {@code \"} and a backslash before the
 *       delimiter give that character, and a backslash before anything else is dropped;
 *   <li>empty lines are skipped, so a trailing newline adds no record.
 * </ul>
 *
 * <p>Fields are never trimmed. Not thread safe: one instance reads one text once.
 */
final class CsvRecords {
    private final String text;
    private final char delimiter;
    private int position;

    CsvRecords(String text, char delimiter) {
        // A UTF-8 byte order mark is not part of the first header.
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.delimiter = delimiter;
    }

    /** The next non-empty record, or empty at the end of the text. */
    Optional<List<String>> next() {
        while (position < text.length()) {
            int start = position;
            List<String> record = readRecord();
            if (position - start > lineBreakLength(start)) {
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }

    private List<String> readRecord() {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '\\') {
                if (position < text.length()) {
                    field.append(text.charAt(position++));
                }
            } else if (c == '"' && (quoted || fieldStart)) {
                if (quoted && peek() == '"') {
                    field.append('"');
                    position++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '"') {
                // Inside an unquoted field a quote is data; a doubled one stands for one.
                field.append('"');
                if (peek() == '"') {
                    position++;
                }
            } else if (quoted) {
                field.append(c);
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                continue;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    position++;
                }
                break;
            } else {
                field.append(c);
            }
            fieldStart = false;
        }
        fields.add(field.toString());
        return fields;
    }

    /** How many characters of a record starting at {@code start} are only its line break. */
    private int lineBreakLength(int start) {
        if (text.startsWith("\r\n", start)) {
            return 2;
        }
        return start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r') ? 1 : 0;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }
}
