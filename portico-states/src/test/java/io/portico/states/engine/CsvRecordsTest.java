package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CSV rules Step Functions documents for ItemReader, on top of RFC 4180. */
class CsvRecordsTest {

    @Test
    void quotedFields_holdDelimitersNewlinesAndDoubledQuotes() {
        assertThat(records("a,\"b,c\",\"line\nbreak\",\"say \"\"hi\"\"\"\r\nx,,\"\"\r\n", ','))
                .containsExactly(List.of("a", "b,c", "line\nbreak", "say \"hi\""), List.of("x", "", ""));
    }

    @Test
    void awsExample_unquotedDoubledQuotesAndAQuotedArray() {
        String row = "abc,123,\"This string contains commas, a double quotation marks (\"\"), and a newline (\n)\","
                + "{\"\"MyKey\"\":\"\"MyValue\"\"},\"[1,2,3]\"";

        assertThat(records(row, ',')).containsExactly(List.of("abc", "123",
                "This string contains commas, a double quotation marks (\"), and a newline (\n)",
                "{\"MyKey\":\"MyValue\"}", "[1,2,3]"));
    }

    @Test
    void backslashes_escapeTheNextCharacter() {
        assertThat(records("path,size\nC:\\\\Program Files\\\\MyApp.exe,6534512\na\\,b,\\x\\\"\n", ','))
                .containsExactly(List.of("path", "size"), List.of("C:\\Program Files\\MyApp.exe", "6534512"),
                        List.of("a,b", "x\""));
    }

    @Test
    void emptyLinesAndAByteOrderMark_addNoRecords_andFieldsAreNotTrimmed() {
        assertThat(records("\uFEFFh1\th2\n\n a \t b\n\r\n", '\t'))
                .containsExactly(List.of("h1", "h2"), List.of(" a ", " b"));
        assertThat(records("", ',')).isEmpty();
    }

    @Test
    void aQuoteInsideAnUnquotedField_isData() {
        assertThat(records("12\" pipe,3\n", ',')).containsExactly(List.of("12\" pipe", "3"));
    }

    private static List<List<String>> records(String text, char delimiter) {
        CsvRecords parser = new CsvRecords(text, delimiter);
        List<List<String>> all = new ArrayList<>();
        for (Optional<List<String>> r = parser.next(); r.isPresent(); r = parser.next()) {
            all.add(r.get());
        }
        return all;
    }
}
