package io.portico.server.conformance;

import static io.portico.server.conformance.RecordedValidationCases.ACCOUNT;
import static io.portico.server.conformance.RecordedValidationCases.FUNCTION;
import static io.portico.server.conformance.RecordedValidationCases.REGION;
import static io.portico.server.conformance.RecordedValidationCases.ZIP;
import static io.portico.server.conformance.RecordedValidationCases.differs;
import static io.portico.server.conformance.RecordedValidationCases.matches;
import static io.portico.server.conformance.RecordedValidationCases.notServed;

import io.portico.server.conformance.RecordedCase.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The validation errors of {@code test_lambda_api} other than the function-name matrix
 * ({@link LambdaFunctionNameCases}): functions, aliases, asynchronous invoke configuration and tags, and the
 * operations Portico does not serve.
 */
final class LambdaValidationCases {
    static final String LAMBDA_API = "test_lambda_api";

    private LambdaValidationCases() {
    }

    static List<RecordedCase> all() {
        List<RecordedCase> all = new ArrayList<>(functions());
        all.addAll(aliasesAndSettings());
        all.addAll(notServedOperations());
        return all;
    }

    /** The CreateFunction call the cases vary: what LocalStack's tests send, with a valid package. */
    static Call createFunction(String name) {
        return Call.of("lambda", "CreateFunction", """
                {"FunctionName":"%s","Role":"arn:aws:iam::{account}:role/lambda-role","Code":{"ZipFile":"%s"},
                 "Handler":"index.handler","PackageType":"Zip","Runtime":"python3.12"}""".formatted(name, ZIP));
    }

    private static List<RecordedCase> functions() {
        String create = "TestLambdaFunction::test_create_lambda_exceptions";
        String update = "TestLambdaFunction::test_update_lambda_exceptions";
        String arns = "TestLambdaFunction::test_function_arns";
        String longArnPrefix = "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:";
        String longArnName = "a".repeat(140 - longArnPrefix.length() + 1);
        return List.of(
                matches(LAMBDA_API, create, "invalid_role_arn_exc", createFunction("invalid-function").with("Role", "r1")),
                matches(LAMBDA_API, create, "invalid_runtime_exc",
                        createFunction("invalid-function").with("Runtime", "non-existent-runtime")),
                matches(LAMBDA_API, create, "uppercase_runtime_exc",
                        createFunction("invalid-function").with("Runtime", "PYTHON3.9")),
                matches(LAMBDA_API, create, "multiple_architectures",
                        createFunction("invalid-function").with("Architectures", List.of("x86_64", "arm64"))),
                matches(LAMBDA_API, create, "uppercase_architecture",
                        createFunction("invalid-function").with("Architectures", List.of("X86_64"))),
                matches(LAMBDA_API, update, "invalid_role_arn_exc", updateConfiguration("Role", "r1")),
                matches(LAMBDA_API, update, "invalid_runtime_exc", updateConfiguration("Runtime", "non-existent-runtime")),
                matches(LAMBDA_API, update, "uppercase_runtime_exc", updateConfiguration("Runtime", "PYTHON3.9")),
                matches(LAMBDA_API, "TestLambdaFunction::test_list_functions", "list_functions_invalid_functionversion",
                        Call.of("lambda", "ListFunctions", """
                                {"FunctionVersion":"invalid"}""")),
                matches(LAMBDA_API, "TestLambdaSnapStart::test_snapstart_exceptions",
                        "create_function_invalid_snapstart_apply", createFunction("invalid-function")
                                .with("Runtime", "java11").with("SnapStart", Map.of("ApplyOn", "invalidOption"))),
                matches(LAMBDA_API, arns, "invalid_function_name_exc", createFunction("invalid:function:name")),
                matches(LAMBDA_API, arns, "long_function_name_exc", createFunction("a".repeat(65))),
                matches(LAMBDA_API, arns, "long_function_arn_exc", createFunction(longArnPrefix + longArnName)
                        .where("<function-name>", longArnName)),
                matches(LAMBDA_API, "TestLambdaFunction::test_invalid_invoke", "invoke_function_name_pattern_exc",
                        Call.of("lambda", "Invoke", """
                                {"FunctionName":"arn:aws:lambda:{region}:123400000000@function:myfn"}""")),
                matches(LAMBDA_API, "TestLambdaFunction::test_invalid_vpc_config_subnet",
                        "create-response-invalid-format-subnet-id", createFunction("vpc-function")
                                .with("VpcConfig", Map.of("SubnetIds", List.of("SUBNET-1")))
                                .where("<subnet_id_2>", "SUBNET-1")),
                matches(LAMBDA_API, "TestLambdaFunction::test_invalid_vpc_config_security_group",
                        "create-response-invalid-format-security-group", createFunction("vpc-function")
                                .with("VpcConfig", Map.of("SecurityGroupIds", List.of("group-1")))
                                .where("<security_group_id_2>", "group-1")),
                matches(LAMBDA_API, "TestLambdaLayer::test_layer_function_exceptions",
                        "add_layer_arn_without_version_exc", updateConfiguration("Layers",
                                List.of("arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":layer:recorded-layer"))
                                .where("<resource:1>", "recorded-layer")));
    }

    private static Call updateConfiguration(String member, Object value) {
        return Call.of("lambda", "UpdateFunctionConfiguration", """
                {"FunctionName":"%s"}""".formatted(FUNCTION)).with(member, value);
    }

    private static List<RecordedCase> aliasesAndSettings() {
        String routing = "TestLambdaAlias::test_notfound_and_invalid_routingconfigs";
        String invokeConfig = "TestLambdaEventInvokeConfig::test_lambda_eventinvokeconfig_exceptions";
        String tags = "TestLambdaTags::test_tag_exceptions";
        String functionArn = "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + FUNCTION;
        String mapping = "arn:aws:lambda:{region}:{account}:event-source-mapping:0f4c3a52-7a5e-4d8e-9d3c-1b2a3c4d5e6f";
        String mappingId = "0f4c3a52-7a5e-4d8e-9d3c-1b2a3c4d5e6f";
        return List.of(
                matches(LAMBDA_API, routing, "routing_config_exc_toohigh", createAlias("custom", Map.of("2", 2))),
                matches(LAMBDA_API, routing, "routing_config_exc_subzero", createAlias("custom", Map.of("2", -1))),
                matches(LAMBDA_API, routing, "routing_config_exc_version_latest",
                        createAlias("custom", Map.of("$LATEST", 0.5))),
                matches(LAMBDA_API, "TestLambdaAlias::test_alias_naming", "create_alias_number_exception",
                        createAlias("2024", null)),
                matches(LAMBDA_API, invokeConfig, "put_destination_invalid_arn_pattern",
                        Call.of("lambda", "PutFunctionEventInvokeConfig", "{\"FunctionName\":\"" + FUNCTION + "\"}")
                                .with("DestinationConfig", Map.of("OnFailure", Map.of("Destination",
                                        functionArn.replace(":lambda:", ":_-/!lambda:"))))
                                .where("<function-name:1>", FUNCTION)),
                matches(LAMBDA_API, tags, "tag_lambda_invalidarn", tagResource("arn:aws:something")),
                // The SDKs send an empty TagKeys as no tagKeys query parameter at all: the member is absent.
                matches(LAMBDA_API, tags, "untag_empty_keys", Call.of("lambda", "UntagResource",
                        "{\"Resource\":\"" + functionArn + "\"}")),
                matches(LAMBDA_API, "TestLambdaTag::test_tag_exceptions[lambda_function]", "invalid_arn_exception",
                        tagResource(functionArn.replace(":function:", ":foobar:")).where("<resource-name>", FUNCTION)),
                matches(LAMBDA_API, "TestLambdaTag::test_tag_exceptions[event_source_mapping]", "aliased_arn_exception",
                        tagResource(mapping + ":alias").where("<resource-name>", mappingId)),
                matches(LAMBDA_API, "TestLambdaTag::test_tag_exceptions[event_source_mapping]", "invalid_arn_exception",
                        tagResource(mapping.replace(":event-source-mapping:", ":foobar:"))
                                .where("<resource-name>", mappingId)),
                matches(LAMBDA_API, "TestLambdaTag::test_tag_exceptions[capacity_provider]", "aliased_arn_exception",
                        tagResource("arn:aws:lambda:{region}:{account}:capacity-provider:recorded-provider:alias")
                                .where("<resource-name>", "recorded-provider")),
                matches(LAMBDA_API, "TestLambdaTag::test_tag_exceptions[capacity_provider]", "invalid_arn_exception",
                        tagResource("arn:aws:lambda:{region}:{account}:foobar:recorded-provider")
                                .where("<resource-name>", "recorded-provider")));
    }

    private static Call createAlias(String name, Map<String, ? extends Number> weights) {
        Call call = Call.of("lambda", "CreateAlias", """
                {"FunctionName":"%s","Name":"%s","FunctionVersion":"1"}""".formatted(FUNCTION, name));
        return weights == null ? call : call.with("RoutingConfig", Map.of("AdditionalVersionWeights", weights));
    }

    private static Call tagResource(String resource) {
        return Call.of("lambda", "TagResource", """
                {"Resource":"%s","Tags":{"key_a":"value_a"}}""".formatted(resource));
    }

    /** Lambda's layers, permissions, function URLs, provisioned concurrency, event source mappings, recursion. */
    private static List<RecordedCase> notServedOperations() {
        List<RecordedCase> cases = new ArrayList<>();
        cases.add(notServed(LAMBDA_API, "TestLambdaProvisionedConcurrency::test_provisioned_concurrency_exceptions",
                "put_provisioned_invalid_param_0", "PutProvisionedConcurrencyConfig"));
        for (String verb : List.of("create", "get", "delete", "update")) {
            String operation = Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + "FunctionUrlConfig";
            for (String variant : List.of("name_doesnotexist_qualifier", "qualifier_version",
                    "qualifier_version_doesnotexist", "qualifier_latest")) {
                cases.add(notServed(LAMBDA_API, "TestLambdaUrl::test_url_config_exceptions",
                        verb + "_function_url_config_" + variant, operation));
            }
        }
        String permissions = "TestLambdaPermissions::test_permission_exceptions";
        cases.add(notServed(LAMBDA_API, permissions, "add_permission_invalid_statement_id", "AddPermission"));
        cases.add(notServed(LAMBDA_API, permissions, "add_permission_fn_qualifier_invalid", "AddPermission"));
        String layers = "TestLambdaLayer::test_layer_exceptions";
        cases.add(notServed(LAMBDA_API, layers, "list_layers_exc_compatibleruntime_invalid", "ListLayers"));
        cases.add(notServed(LAMBDA_API, layers, "list_layers_exc_compatiblearchitecture_invalid", "ListLayers"));
        cases.add(notServed(LAMBDA_API, layers, "get_layer_version_by_arn_exc_invalidarn", "GetLayerVersionByArn"));
        cases.add(notServed(LAMBDA_API, layers, "publish_layer_version_exc_invalid_runtime_arch", "PublishLayerVersion"));
        cases.add(notServed(LAMBDA_API, layers, "publish_layer_version_exc_partially_invalid_values",
                "PublishLayerVersion"));
        cases.add(notServed(LAMBDA_API, "TestLambdaLayer::test_layer_policy_exceptions",
                "layer_permission_action_invalid", "AddLayerVersionPermission"));
        String streamMapping = "{\"FunctionName\": \"" + RecordedValidationCases.FUNCTION + "\", \"EventSourceArn\":"
                + " \"arn:aws:dynamodb:{region}:{account}:table/t/stream/2025-01-01T00:00:00.000\"}";
        String kinesisMapping = "{\"FunctionName\": \"" + RecordedValidationCases.FUNCTION + "\", \"EventSourceArn\":"
                + " \"arn:aws:kinesis:{region}:{account}:stream/s\"}";
        String esm = "TestLambdaEventSourceMappings::";
        cases.add(matches(LAMBDA_API, esm + "test_create_event_source_validation", "no_starting_position",
                Call.of("lambda", "CreateEventSourceMapping", streamMapping)));
        cases.add(matches(LAMBDA_API, esm + "test_create_event_source_validation", "invalid_starting_position",
                Call.of("lambda", "CreateEventSourceMapping", streamMapping).with("StartingPosition", "invalid")));
        cases.add(differs(LAMBDA_API, esm + "test_create_event_source_validation_kinesis", "no_starting_position",
                Call.of("lambda", "CreateEventSourceMapping", kinesisMapping),
                "Portico maps DynamoDB streams only: a Kinesis stream is an unrecognized event source"));
        cases.add(matches(LAMBDA_API, esm + "test_create_event_source_validation_kinesis", "invalid_starting_position",
                Call.of("lambda", "CreateEventSourceMapping", kinesisMapping).with("StartingPosition", "invalid")));
        cases.add(notServed(LAMBDA_API, "TestLambdaRecursion::test_put_function_recursion_config_invalid_value",
                "put_recursion_invalid_value_error", "PutFunctionRecursionConfig"));
        return cases;
    }
}
