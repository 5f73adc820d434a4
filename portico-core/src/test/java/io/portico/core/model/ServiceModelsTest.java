package io.portico.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loading AWS's models: identity, operations, HTTP bindings, shapes and overlays. */
class ServiceModelsTest {

    @Test
    void load_stepFunctions_isJson10WithTargetPrefixAndEveryOperation() {
        ServiceModel model = ServiceModels.load("states-2016-11-23");

        assertThat(model.protocol()).isEqualTo(Protocol.AWS_JSON_1_0);
        assertThat(model.signingName()).isEqualTo("states");
        assertThat(model.targetPrefix()).contains("AWSStepFunctions");
        assertThat(model.sdkName()).isEqualTo("Sfn");
        assertThat(model.operations()).containsKeys("StartExecution", "StartSyncExecution", "TestState");
        assertThat(model.operation("StartSyncExecution").orElseThrow().hostPrefix()).contains("sync-");
    }

    @Test
    void errorType_isTheBareCode_unlessTheOverlayNamesNamespaces() {
        ServiceModel plain = ServiceModels.load("states-2016-11-23");
        ServiceModel namespaced = ServiceModelsAccess.build(ServiceModelsAccess.NAMESPACED_ERRORS_MODEL);

        assertThat(plain.errorType("StateMachineDoesNotExist")).isEqualTo("StateMachineDoesNotExist");
        assertThat(namespaced.errorType("NotFound")).isEqualTo("com.example.tiny.v20200101#NotFound");
        assertThat(namespaced.errorType("ValidationException")).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(namespaced.errorType("ThrottlingException")).as("neither declared nor named").isEqualTo("ThrottlingException");
    }

    @Test
    void load_lambda_bindsMembersToUriHeadersQueryAndPayload() {
        OperationModel invoke = ServiceModels.load("lambda-2015-03-31").operation("Invoke").orElseThrow();
        Shape.Structure input = invoke.input().orElseThrow();

        assertThat(invoke.httpMethod()).isEqualTo("POST");
        assertThat(input.member("FunctionName").orElseThrow().location()).isEqualTo(Location.URI);
        assertThat(input.member("InvocationType").orElseThrow().wireName()).isEqualTo("X-Amz-Invocation-Type");
        assertThat(input.member("Qualifier").orElseThrow().location()).isEqualTo(Location.QUERY);
        assertThat(input.payload()).contains("Payload");
        assertThat(invoke.output().orElseThrow().member("StatusCode").orElseThrow().location())
                .isEqualTo(Location.STATUS_CODE);
    }

    @Test
    void errorShape_givesTheModelsStatusAndCode() {
        ServiceModel lambda = ServiceModels.load("lambda-2015-03-31");
        ServiceModel sns = ServiceModels.load("sns-2010-03-31");

        assertThat(lambda.errorShape("ResourceNotFoundException").flatMap(Shape.Structure::error).orElseThrow().httpStatus())
                .isEqualTo(404);
        // SNS's NotFoundException travels as code "NotFound".
        assertThat(sns.errorShape("NotFound").orElseThrow().name()).isEqualTo("NotFoundException");
    }

    @Test
    void sdkName_followsTheJavaSdkClientNames() {
        assertThat(Map.of(
                "states-2016-11-23", "Sfn",
                "lambda-2015-03-31", "Lambda",
                "eventbridge-2015-10-07", "EventBridge",
                "route53-2013-04-01", "Route53",
                "sns-2010-03-31", "Sns"))
                .allSatisfy((uid, name) -> assertThat(ServiceModels.load(uid).sdkName()).isEqualTo(name));
    }

    @Test
    void merge_overlayAddsMembersAndReplacesEnumerations() {
        var model = Json.object();
        model.putObject("shapes").putObject("Status").put("type", "string").putArray("enum").add("A").add("B");
        var overlay = Json.object();
        overlay.putObject("shapes").putObject("Status").putArray("enum").add("B").add("A");

        ServiceModels.merge(model, overlay);

        assertThat(model.path("shapes").path("Status").path("enum").toString()).isEqualTo("[\"B\",\"A\"]");
        assertThat(model.path("shapes").path("Status").path("type").asText()).isEqualTo("string");
    }

    @Test
    void load_overlayOfAModule_isMergedOverAwsModel() {
        // portico-core's tests have no overlay of their own: the model is AWS's as shipped.
        Shape.Structure testState = ServiceModels.load("states-2016-11-23").operation("TestState").orElseThrow()
                .input().orElseThrow();

        assertThat(testState.required()).containsExactly("definition", "roleArn");
    }

    @Test
    void build_notHonouredTrait_isTheMembersReason() {
        ServiceModel model = ServiceModelsAccess.build("""
                {"metadata": {"protocol": "json", "endpointPrefix": "t"},
                 "operations": {"Get": {"name": "Get", "input": {"shape": "GetInput"}}},
                 "shapes": {"GetInput": {"type": "structure", "members": {
                     "id": {"shape": "S"}, "mode": {"shape": "S", "portico:notHonoured": "one mode only"}}},
                   "S": {"type": "string"}}}
                """);
        Shape.Structure input = model.operation("Get").orElseThrow().input().orElseThrow();

        assertThat(input.member("mode").orElseThrow().notHonoured()).contains("one mode only");
        assertThat(input.member("id").orElseThrow().notHonoured()).isEmpty();
    }

    @Test
    void load_overlayNamingAShapeTwice_isRefusedRatherThanLosingAnEntry() {
        assertThatThrownBy(() -> ServiceModels.load("duplicate-2020-01-01"))
                .hasMessageContaining("cannot read aws-models/duplicate-2020-01-01.overlay.json")
                .rootCause().hasMessageStartingWith("Duplicate field 'S'");
    }

    @Test
    void load_missingModel_saysWhichOneAndWhy() {
        assertThatThrownBy(() -> ServiceModels.load("nosuch-2020-01-01"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("AWS model nosuch-2020-01-01 is not on the class path");
    }

    @Test
    void uriTemplate_matchesLabelsGreedyLabelsAndQueryLiterals() {
        UriTemplate function = UriTemplate.parse("/2015-03-31/functions/{FunctionName}/invocations");
        UriTemplate object = UriTemplate.parse("/{Bucket}/{Key+}");
        UriTemplate layers = UriTemplate.parse("/2018-10-31/layers?find=LayerVersion");

        assertThat(function.match("/2015-03-31/functions/arn%3Aaws%3Alambda%3Ax/invocations", Map.of()))
                .contains(Map.of("FunctionName", "arn:aws:lambda:x"));
        assertThat(function.match("/2015-03-31/functions/a/b/invocations", Map.of())).isEmpty();
        assertThat(object.match("/b/dir/file+1.txt", Map.of())).contains(Map.of("Bucket", "b", "Key", "dir/file+1.txt"));
        assertThat(layers.match("/2018-10-31/layers", Map.of())).isEmpty();
        assertThat(layers.match("/2018-10-31/layers/", Map.of("find", List.of("LayerVersion")))).contains(Map.of());
        assertThat(layers.specificity()).isGreaterThan(UriTemplate.parse("/2018-10-31/layers").specificity());
        assertThat(function.specificity()).isGreaterThan(object.specificity());
    }
}
