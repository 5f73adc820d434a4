package io.portico.core.testing.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.model.ServiceModel;
import io.portico.core.model.ServiceModels;
import io.portico.core.validation.Validator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sample inputs: every member present, valid against AWS's model. */
class InputSamplesTest {
    private final ServiceModel states = ServiceModels.load("states-2016-11-23");

    @Test
    void input_hasEveryTopLevelMemberAndPassesTheModelsValidation() {
        InputSamples samples = InputSamples.of(states).withShape("Arn", "arn:aws:states:us-east-1:000000000000:stateMachine:m");

        ObjectNode input = samples.input("ListExecutions");

        assertThat(input.properties()).extracting(Map.Entry::getKey).containsExactly("stateMachineArn",
                "statusFilter", "maxResults", "nextToken", "mapRunArn", "redriveFilter");
        assertThat(input.path("statusFilter").asText()).isEqualTo("RUNNING");
        assertThat(Validator.validate(states.operation("ListExecutions").orElseThrow().input().orElseThrow(), input, "")
                .isValid()).isTrue();
    }

    @Test
    void input_ofAShapeWithAPatternAndNoSample_namesTheShape() {
        ServiceModel lambda = ServiceModels.load("lambda-2015-03-31");

        assertThatThrownBy(() -> InputSamples.of(lambda).input("CreateFunction"))
                .hasMessageContaining("shape RoleArn has the pattern")
                .hasMessageContaining("withShape(\"RoleArn\"");
    }

    @Test
    void withShape_ofAShapeTheModelHasNot_isRefused() {
        assertThatThrownBy(() -> InputSamples.of(states).withShape("NoSuchShape", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NoSuchShape");
    }
}
