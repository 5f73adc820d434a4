package io.portico.states.asl.jsonpath;

import static io.portico.states.asl.jsonpath.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.StatesError;
import org.junit.jupiter.api.Test;

class JsonPathsTest {

    @Test
    void select_dollarReturnsSameDocument() {
        JsonNode doc = json("{'a':1}");
        assertThat(JsonPaths.select(doc, "$")).isSameAs(doc);
    }

    @Test
    void select_definitePathReturnsValue() {
        assertThat(JsonPaths.select(json("{'a':{'b':[1,2,{'c':'x'}]}}"), "$.a.b[2].c")).isEqualTo(json("'x'"));
    }

    @Test
    void select_missingIntermediateRaisesJaywayMessage() {
        assertThatThrownBy(() -> JsonPaths.select(json("{}"), "$.no.such"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.detail()).isEqualTo("Invalid path '$.no.such' : Missing property in path $['no']");
                });
    }

    @Test
    void select_missingLeafRaisesNoResultsMessage() {
        assertThatThrownBy(() -> JsonPaths.select(json("{}"), "$.NoSuchOutputPath"))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.detail())
                        .isEqualTo("Invalid path '$.NoSuchOutputPath' : No results for path: $['NoSuchOutputPath']"));
    }

    @Test
    void select_indefinitePathOnAbsentFieldYieldsEmptyArray() {
        assertThat(JsonPaths.select(json("{}"), "$.items[*]")).isEqualTo(json("[]"));
    }

    @Test
    void select_filterAndFunctionResultsAreJsonNodes() {
        JsonNode doc = json("{'items':[{'k':1},{'k':2}]}");
        assertThat(JsonPaths.select(doc, "$.items[?(@.k > 1)]")).isEqualTo(json("[{'k':2}]"));
        assertThat(JsonPaths.select(doc, "$.items.length()")).isEqualTo(json("2"));
    }

    @Test
    void select_backslashInBracketNameIsLiteral() {
        JsonNode doc = json("{}");
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc).put("a\\b", 1);
        assertThat(JsonPaths.select(doc, "$['a\\b']")).isEqualTo(json("1"));
    }

    @Test
    void find_aggregateOverNothing_isStatesRuntime() {
        // Found by fuzzing: Jayway's JsonPathException for sum() over an empty array escaped as itself.
        assertThatThrownBy(() -> JsonPaths.find(json("{'e':[]}"), "$.e.sum()"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo(StatesError.RUNTIME);
                    assertThat(e.detail()).isEqualTo("Invalid path '$['e'].sum()' : Aggregation function attempted to"
                            + " calculate value using empty array");
                });
    }

    @Test
    void select_functionJaywayFailsOnWithAJavaException_isStatesRuntime() {
        // Found by fuzzing: length() with a literal argument failed inside Jayway with a NullPointerException.
        assertThatThrownBy(() -> JsonPaths.select(json("{'a':1}"), "$.length(1)"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo(StatesError.RUNTIME);
                    assertThat(e.detail()).isEqualTo("Invalid path '$.length(...)' : The path could not be evaluated");
                });
    }

    @Test
    void find_distinguishesAbsentFromNull() {
        JsonNode doc = json("{'a':null}");
        assertThat(JsonPaths.find(doc, "$.a")).contains(json("null"));
        assertThat(JsonPaths.find(doc, "$.b")).isEmpty();
    }

    @Test
    void applyResultPath_dollarReplacesInput() {
        JsonNode result = json("{'r':1}");
        assertThat(JsonPaths.applyResultPath(json("{'a':1}"), result, "$")).isSameAs(result);
    }

    @Test
    void applyResultPath_setsNestedFieldCreatingObjectsWithoutMutatingInput() {
        JsonNode input = json("{'a':1,'keep':{'x':[1]}}");
        JsonNode out = JsonPaths.applyResultPath(input, json("'v'"), "$.b.c");
        assertThat(out).isEqualTo(json("{'a':1,'keep':{'x':[1]},'b':{'c':'v'}}"));
        assertThat(input).isEqualTo(json("{'a':1,'keep':{'x':[1]}}"));
        assertThat(out.get("keep")).isSameAs(input.get("keep"));
    }

    @Test
    void applyResultPath_overwritesExistingFieldAndSupportsBrackets() {
        assertThat(JsonPaths.applyResultPath(json("{'a':{'b':1}}"), json("2"), "$['a']['b']"))
                .isEqualTo(json("{'a':{'b':2}}"));
    }

    @Test
    void applyResultPath_nonObjectInputRaisesReferencePathConflict() {
        assertThatThrownBy(() -> JsonPaths.applyResultPath(json("'text'"), json("1"), "$.partitioned"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.ReferencePathConflict");
                    assertThat(e.detail()).isEqualTo("Unable to apply ReferencePath $.partitioned to input \"text\"");
                });
    }

    @Test
    void applyResultPath_nonObjectIntermediateRaisesStepConflict() {
        assertThatThrownBy(() -> JsonPaths.applyResultPath(json("{'a':5}"), json("1"), "$.a.b"))
                .isInstanceOfSatisfying(StatesError.class, e ->
                        assertThat(e.detail()).isEqualTo("Unable to apply step \"b\" to input {\"a\":5}"));
    }

    @Test
    void applyResultPath_negativeIndex_raisesStepConflict() {
        // Found by fuzzing: the index reached ArrayNode.set, which threw IndexOutOfBoundsException.
        assertThatThrownBy(() -> JsonPaths.applyResultPath(json("{'e':[1,2]}"), json("3"), "$.e[-1]"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.ReferencePathConflict");
                    assertThat(e.detail()).isEqualTo("Unable to apply step \"-1\" to input {\"e\":[1,2]}");
                });
    }

    @Test
    void select_fastPathAgreesWithJaywayOnEdgeShapes() {
        JsonNode doc = json("{'a':{'b':null,'arr':[1]},'s':'x'}");
        assertThat(JsonPaths.select(doc, "$.a.b")).isEqualTo(json("null"));
        assertThat(JsonPaths.select(doc, "$.a.arr")).isEqualTo(json("[1]"));
        assertThatThrownBy(() -> JsonPaths.select(doc, "$.s.t")).isInstanceOf(StatesError.class)
                .hasMessageContaining("Expected to find an object with property ['t'] in path $['s']");
        assertThatThrownBy(() -> JsonPaths.select(doc, "$.a.b.c")).isInstanceOf(StatesError.class)
                .hasMessageContaining("Invalid path '$.a.b.c'");
    }
}
