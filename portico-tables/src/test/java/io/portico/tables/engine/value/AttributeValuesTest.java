package io.portico.tables.engine.value;

import static io.portico.tables.engine.value.TestValues.json;
import static io.portico.tables.engine.value.TestValues.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.tables.engine.TablesException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributeValuesTest {

    @Test
    void fromDocument_readsEveryType() {
        assertThat(value("{'S':'x'}")).isEqualTo(new AttributeValue.S("x"));
        assertThat(value("{'N':'1.50'}")).isEqualTo(AttributeValue.n("1.5"));
        assertThat(value("{'B':'AQI='}")).isEqualTo(AttributeValue.b((byte) 1, (byte) 2));
        assertThat(value("{'SS':['a','b']}")).isEqualTo(new AttributeValue.SS(Set.of("a", "b")));
        assertThat(value("{'NS':['1','2.0']}"))
                .isEqualTo(new AttributeValue.NS(Set.of(DynamoNumber.of(1), DynamoNumber.of(2))));
        assertThat(value("{'BS':['AQ==']}")).isEqualTo(new AttributeValue.BS(Set.of(Bytes.of((byte) 1))));
        assertThat(value("{'M':{'a':{'S':'x'}}}"))
                .isEqualTo(new AttributeValue.M(Map.of("a", new AttributeValue.S("x"))));
        assertThat(value("{'L':[{'N':'1'},{'NULL':true}]}"))
                .isEqualTo(new AttributeValue.L(List.of(AttributeValue.n(1), AttributeValue.NULL.INSTANCE)));
        assertThat(value("{'BOOL':false}")).isEqualTo(AttributeValue.BOOL.FALSE);
        assertThat(value("{'NULL':true}")).isEqualTo(AttributeValue.NULL.INSTANCE);
    }

    @Test
    void fromDocument_readsBinaryNodes() {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("B", new byte[] {(byte) 0xFF, 0});
        assertThat(AttributeValues.fromDocument(document)).isEqualTo(AttributeValue.b((byte) 0xFF, (byte) 0));
    }

    @Test
    void toDocument_roundTripsAndWritesCanonicalNumbersAndBinaryNodes() {
        String item = "{'s':{'S':'x'},'n':{'N':'100'},'ss':{'SS':['b','a']},'ns':{'NS':['2','1']},"
                + "'m':{'M':{'z':{'BOOL':true},'a':{'NULL':true}}},'l':{'L':[{'S':'y'},{'L':[]}]}}";
        var read = TestValues.item(item);
        assertThat(AttributeValues.itemToDocument(read)).isEqualTo(json(item));
        assertThat(AttributeValues.toDocument(value("{'N':'1e2'}")).get("N").textValue()).isEqualTo("100");
        assertThat(AttributeValues.toDocument(value("{'B':'AQI='}")).get("B").isBinary()).isTrue();
        assertThat(List.copyOf(read.keySet())).containsExactly("s", "n", "ss", "ns", "m", "l");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{}|Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
            "{'X':'a'}|Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
            "{'S':'a','N':'1'}|Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
                    + "the supported datatypes",
            "{'S':'a','N':'x'}|The parameter cannot be converted to a numeric value: x",
            "{'N':'1e126'}|Number overflow. Attempting to store a number with magnitude larger than supported range",
            "{'NULL':false}|One or more parameter values were invalid: Null attribute value types must have the value "
                    + "of true",
            "{'SS':[]}|One or more parameter values were invalid: An string set  may not be empty",
            "{'NS':[]}|One or more parameter values were invalid: An number set  may not be empty",
            "{'BS':[]}|One or more parameter values were invalid: Binary sets should not be empty",
            "{'NS':['1','x']}|The parameter cannot be converted to a numeric value: x",
            "{'M':{'a':{}}}|Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
            "{'L':[{'S':'a'},{'NULL':false}]}|One or more parameter values were invalid: Null attribute value types "
                    + "must have the value of true"})
    void fromDocument_refusesWithDynamoDbMessage(String document, String message) {
        assertThatThrownBy(() -> value(document))
                .isInstanceOfSatisfying(TablesException.class,
                        e -> assertThat(e.kind()).isEqualTo(TablesException.Kind.INVALID_REQUEST))
                .hasMessage(message);
    }

    /** Sets sent with a repeat and out of order, answered as captured in four regions (a public conformance suite). */
    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "{'SS':['b','a','b']}|CURRENT|One or more parameter values were invalid: Input collection [\"a\", \"b\", "
                    + "\"b\"] contains duplicates.",
            "{'BS':['/w==','AA==','AA==']}|CURRENT|One or more parameter values were invalid: Input collection "
                    + "[\"AA==\",\"/w==\",\"AA==\"]of type BS contains duplicates.",
            "{'NS':['2','1','2']}|CURRENT|One or more parameter values were invalid: Input collection contains duplicates.",
            "{'SS':['b','a','b']}|OLDER|One or more parameter values were invalid: Input collection [b, a, b] contains "
                    + "duplicates.",
            "{'BS':['/w==','AA==','AA==']}|OLDER|One or more parameter values were invalid: Input collection "
                    + "[/w==, AA==, AA==]of type BS contains duplicates.",
            "{'NS':['2','1','2']}|OLDER|Input collection contains duplicates",
            // numbers equal in value are the same member
            "{'NS':['1','1.0']}|OLDER|Input collection contains duplicates",
            // the repeat comes after the sorted members so far, then the rest as sent
            "{'SS':['c','b','c','a']}|CURRENT|One or more parameter values were invalid: Input collection [\"b\", "
                    + "\"c\", \"c\", \"a\"] contains duplicates."})
    void fromDocument_duplicateSetMembersInEachCheckersWords(String document, Wording wording, String message) {
        assertThatThrownBy(() -> AttributeValues.fromDocument(json(document), wording)).hasMessage(message);
    }

    @Test
    void fromDocument_nestingBeyond32LevelsIsRefused() {
        // measured against DynamoDB (a public conformance suite): 31 wrapping maps pass, 32 do not
        assertThat(value(nested(31))).isInstanceOf(AttributeValue.M.class);
        assertThatThrownBy(() -> value(nested(32))).hasMessage("Nesting Levels have exceeded supported limits: "
                + "Attributes in the item have nested levels beyond supported limit");
        assertThatThrownBy(() -> value(nestedMaps(32))).hasMessageStartingWith("Nesting Levels");
        assertThat(value(nestedMaps(31))).isInstanceOf(AttributeValue.M.class);
    }

    private static String nestedMaps(int levels) {
        return "{'M':{'n':".repeat(levels) + "{'S':'leaf'}" + "}}".repeat(levels);
    }

    private static String nested(int levels) {
        String value = "{'S':'x'}";
        for (int i = 0; i < levels; i++) {
            value = i % 2 == 0 ? "{'M':{'a':" + value + "}}" : "{'L':[" + value + "]}";
        }
        return value;
    }
}
