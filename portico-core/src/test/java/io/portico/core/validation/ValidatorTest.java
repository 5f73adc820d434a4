package io.portico.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.ServiceModel;
import io.portico.core.model.ServiceModels;
import io.portico.core.model.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * AWS's validation messages from AWS's models. Expected texts are AWS's own, as recorded in
 * {@code ../shared/conformance} (the server's recorded-message tests compare with the files themselves).
 */
class ValidatorTest {
    private static final ServiceModel STATES = ServiceModels.load("states-2016-11-23");
    private static final ServiceModel LAMBDA = ServiceModels.load("lambda-2015-03-31");

    @Test
    void validate_validInput_hasNoViolations() {
        assertThat(validate(STATES, "StartExecution", "{\"stateMachineArn\":\"arn:x\",\"name\":\"n\"}").isValid()).isTrue();
    }

    @Test
    void validate_missingRequiredMember_isValueNull() {
        assertThat(validate(STATES, "StartExecution", "{}").message()).isEqualTo("1 validation error detected: Value null"
                + " at 'stateMachineArn' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void validate_rangeAndLength_inModelOrder() {
        String nextToken = "t".repeat(1025);
        ValidationReport report = validate(STATES, "ListStateMachines",
                "{\"maxResults\":1001,\"nextToken\":\"" + nextToken + "\"}");

        assertThat(report.message()).isEqualTo("2 validation errors detected: Value '1001' at 'maxResults' failed to"
                + " satisfy constraint: Member must have value less than or equal to 1000; Value '" + nextToken
                + "' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 1024");
    }

    @Test
    void validate_pattern_printsTheModelsPattern() {
        assertThat(validate(STATES, "CreateStateMachineAlias", "{\"name\":\"ALIAS@\",\"routingConfiguration\":[]}")
                .violations()).first().extracting(Violation::sentence).isEqualTo("Value 'ALIAS@' at 'name' failed to"
                + " satisfy constraint: Member must satisfy regular expression pattern:"
                + " ^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");
    }

    @Test
    void validate_tooLongStringOnItsPattern_reportsLengthOnly() {
        String name = "A".repeat(81);
        assertThat(validate(STATES, "CreateStateMachineAlias", "{\"name\":\"" + name + "\",\"routingConfiguration\":[]}")
                .violations()).extracting(Violation::sentence).contains("Value '" + name + "' at 'name' failed to"
                + " satisfy constraint: Member must have length less than or equal to 80");
    }

    @Test
    void validate_stringBreakingPatternAndLength_reportsBothPatternFirst() {
        String name = "arn:aws:lambda:invalid-region:000000000000:function:" + "a".repeat(100);
        ValidationReport report = validate(LAMBDA, "CreateFunction", "{\"FunctionName\":\"" + name + "\","
                + "\"Role\":\"arn:aws:iam::123456789012:role/r\",\"Code\":{}}");

        assertThat(report.violations()).extracting(Violation::sentence).containsExactly(
                "Value '" + name + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular"
                        + " expression pattern: " + LAMBDA.shape("FunctionName").map(s -> ((Shape.StringShape) s)
                        .pattern().orElseThrow()).orElseThrow(),
                "Value '" + name + "' at 'functionName' failed to satisfy constraint: Member must have length less"
                        + " than or equal to 140");
    }

    @Test
    void validate_listOfStructures_printsJavaStyleValuesAndIndexedPaths() {
        ValidationReport report = validate(STATES, "CreateStateMachineAlias", """
                {"name":"a","routingConfiguration":[{"stateMachineVersionArn":"arn:v:1","weight":50},
                 {"stateMachineVersionArn":"arn:v:2","weight":101},{"stateMachineVersionArn":"arn:v:3","weight":20}]}""");

        assertThat(report.violations()).extracting(Violation::sentence).containsExactly(
                "Value '[RoutingConfigurationListItem(stateMachineVersionArn=arn:v:1, weight=50),"
                        + " RoutingConfigurationListItem(stateMachineVersionArn=arn:v:2, weight=101),"
                        + " RoutingConfigurationListItem(stateMachineVersionArn=arn:v:3, weight=20)]' at"
                        + " 'routingConfiguration' failed to satisfy constraint: Member must have length less than or"
                        + " equal to 2",
                "Value '101' at 'routingConfiguration.2.member.weight' failed to satisfy constraint: Member must have"
                        + " value less than or equal to 100");
    }

    @Test
    void validate_listOfScalars_listsEveryElementConstraint() {
        ValidationReport report = validate(LAMBDA, "CreateFunction", """
                {"FunctionName":"f","Role":"arn:aws:iam::123456789012:role/r","Code":{},"Architectures":["X86_64"]}""");

        assertThat(report.message()).isEqualTo("1 validation error detected: Value '[X86_64]' at 'architectures' failed"
                + " to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set:"
                + " [x86_64, arm64]]");
    }

    @Test
    void validate_mapValues_listEveryValueConstraintAndNotNull() {
        ValidationReport report = validate(LAMBDA, "CreateAlias", """
                {"FunctionName":"f","Name":"live","FunctionVersion":"1",
                 "RoutingConfig":{"AdditionalVersionWeights":{"2":2.0}}}""");

        assertThat(report.message()).isEqualTo("1 validation error detected: Value '{2=2.0}' at"
                + " 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy"
                + " constraint: [Member must have value less than or equal to 1.0, Member must have value greater than"
                + " or equal to 0.0, Member must not be null]");
    }

    @Test
    void validate_sensitiveValue_isLeftOut() {
        String definition = "x".repeat(1_048_577);
        assertThat(validate(STATES, "ValidateStateMachineDefinition", "{\"definition\":\"" + definition + "\"}")
                .message()).isEqualTo("1 validation error detected: Value at 'definition' failed to satisfy constraint:"
                + " Member must have length less than or equal to 1048576");
    }

    @Test
    void validate_enumeration_printsTheValueSet() {
        assertThat(validate(STATES, "ListExecutions", "{\"statusFilter\":\"succeeded\"}").message())
                .startsWith("1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [");
    }

    @Test
    void validate_pathPrefix_isPrepended() {
        Shape.Structure input = STATES.operation("StartExecution").orElseThrow().input().orElseThrow();
        assertThat(Validator.validate(input, Json.object(), "startExecutionInput.").violations())
                .extracting(Violation::path).containsExactly("startExecutionInput.stateMachineArn");
    }

    private static ValidationReport validate(ServiceModel model, String operation, String json) {
        try {
            Shape.Structure input = model.operation(operation).orElseThrow().input().orElseThrow();
            return Validator.validate(input, (ObjectNode) Json.mapper().readTree(json), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
