package io.portico.tables.engine.value;

import static io.portico.tables.engine.value.TestValues.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ItemSizeTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "{'a':{'S':'xyz'}}|4",
            "{'ab':{'S':'é'}}|4",                 // two bytes of name, two of UTF-8 value
            "{'a':{'B':'AQID'}}|4",
            "{'a':{'BOOL':true}}|2",
            "{'a':{'NULL':true}}|2",
            "{'a':{'N':'0'}}|2",
            "{'a':{'N':'1'}}|3",
            "{'a':{'N':'12'}}|3",
            "{'a':{'N':'1.2'}}|4",
            "{'a':{'N':'123'}}|4",
            "{'a':{'N':'-1'}}|4",
            "{'a':{'N':'0.01'}}|3",
            "{'a':{'SS':['ab','c']}}|4",
            "{'a':{'NS':['1','12']}}|5",
            "{'a':{'M':{}}}|4",
            "{'a':{'L':[]}}|4",
            "{'a':{'L':[{'S':'x'},{'S':'yz'}]}}|9",      // 1 + 3 + (1+1) + (1+2)
            "{'a':{'M':{'k':{'S':'x'}}}}|7",              // 1 + 3 + 1 + (1+1)
            "{'a':{'S':'x'},'bb':{'S':'yy'}}|6"})
    void of_countsAsDynamoDb(String document, long size) {
        assertThat(ItemSize.of(item(document))).isEqualTo(size);
    }

    @Test
    void check_refusesItemsOver400Kb() {
        String name = "k";
        Map<String, AttributeValue> atLimit = Map.of(name, new AttributeValue.S("x".repeat(400 * 1024 - 1)));
        ItemSize.check(atLimit);
        Map<String, AttributeValue> over = Map.of(name, new AttributeValue.S("x".repeat(400 * 1024)));
        assertThatThrownBy(() -> ItemSize.check(over)).hasMessage("Item size has exceeded the maximum allowed size");
        assertThatThrownBy(() -> ItemSize.checkUpdated(over))
                .hasMessage("Item size to update has exceeded the maximum allowed size");
    }
}
