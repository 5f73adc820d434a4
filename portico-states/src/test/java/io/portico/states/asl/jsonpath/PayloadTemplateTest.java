package io.portico.states.asl.jsonpath;

import static io.portico.states.asl.jsonpath.TestJson.ctx;
import static io.portico.states.asl.jsonpath.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.StatesError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadTemplateTest {

    @Test
    void evaluate_resolvesDollarKeysRecursively() {
        JsonNode template = json("{'static':'s','a.$':'$.x','nested':{'b.$':'$$.State.Name','arr':[{'c.$':'$v'},1]}}");
        ((com.fasterxml.jackson.databind.node.ObjectNode) template).put("f.$", "States.Format('n={}', $.x)");
        JsonNode out = PayloadTemplate.evaluate(template, ctx("{'x':7}", Map.of("v", json("true"))));
        assertThat(out).isEqualTo(json("{'static':'s','a':7,'nested':{'b':'State','arr':[{'c':true},1]},'f':'n=7'}"));
    }

    @Test
    void evaluate_staticSubtreeIsSharedNotCopied() {
        JsonNode template = json("{'a.$':'$.x','static':{'deep':[1,2,3]}}");
        JsonNode out = PayloadTemplate.evaluate(template, ctx("{'x':1}"));
        assertThat(out.get("static")).isSameAs(template.get("static"));
    }

    @Test
    void evaluate_missingPathRaisesAwsMessage() {
        assertThatThrownBy(() -> PayloadTemplate.evaluate(json("{'value.$':'$.no_such_jsonpath'}"), ctx("{'int-literal':0}")))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.detail()).isEqualTo(
                        "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in "
                                + "the input '{\"int-literal\":0}'"));
    }

    @Test
    void evaluate_nonObjectTemplateReturnedAsIs() {
        JsonNode template = json("'plain'");
        assertThat(PayloadTemplate.evaluate(template, ctx("{}"))).isSameAs(template);
    }
}
