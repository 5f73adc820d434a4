package io.portico.server.conformance;

import io.portico.server.conformance.RecordedCase.Call;
import io.portico.server.conformance.RecordedCase.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Every validation error AWS answered in the recordings of the operations Lambda and Step Functions have,
 * with the input that produced it (rebuilt from LocalStack's test source and the recorded values) and how
 * Portico answers it. The expected messages are not here: {@link RecordedValidationTest} reads them from the
 * recordings.
 *
 * <p>Where a recording replaced a value with a placeholder, the call names the value it chose for it; the
 * account ({@code 111111111111}), partition and region placeholders stand for the caller's everywhere.
 */
final class RecordedValidationCases {
    /** The account and region the calls are made in. */
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    /** A function created before the cases run, for the calls AWS answered about an existing function. */
    static final String FUNCTION = "recorded-validation-fn";
    /** A deployment package: a zip with an executable {@code bootstrap}, enough for a {@code provided.al2023} function. */
    static final String ZIP = zip();

    private static final String LAMBDA_API = "test_lambda_api";
    private static final String MACHINE = "arn:aws:states:{region}:{account}:stateMachine:recorded-machine";

    private RecordedValidationCases() {
    }

    /** Every case, in the order of the recordings. */
    static List<RecordedCase> all() {
        List<RecordedCase> all = new ArrayList<>();
        all.addAll(lambdaFunctions());
        all.addAll(lambdaFunctionNames());
        all.addAll(lambdaAliasesAndSettings());
        all.addAll(lambdaNotServed());
        all.addAll(statesLists());
        all.addAll(statesAliases());
        all.addAll(testStateMockValidation());
        return all;
    }

    /** The CreateFunction call the cases vary: what LocalStack's tests send, with a valid package. */
    static Call createFunction(String name) {
        return Call.of("lambda", "CreateFunction", """
                {"FunctionName":"%s","Role":"arn:aws:iam::{account}:role/lambda-role","Code":{"ZipFile":"%s"},
                 "Handler":"index.handler","PackageType":"Zip","Runtime":"python3.12"}""".formatted(name, ZIP));
    }

    private static List<RecordedCase> lambdaFunctions() {
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

    /**
     * {@code test_function_name_and_qualifier_validation[<scenario>-<operation>]}: GetFunction, DeleteFunction
     * and Invoke with a FunctionName and a Qualifier, and CreateFunction with the two joined by {@code :}
     * (CreateFunction has no Qualifier). The recording keeps each message as its sorted sentences.
     */
    private static List<RecordedCase> lambdaFunctionNames() {
        String arn = "arn:aws:lambda:{region}:{account}:function:my-function";
        String otherRegion = "arn:aws:lambda:invalid-region:{account}:function:my-function";
        List<NameScenario> scenarios = List.of(
                NameScenario.all("function_name_is_single_invalid", "*"),
                NameScenario.all("invalid_characters_in_function_name", "my-function!"),
                NameScenario.all("invalid_characters_in_qualifier", "my-function", "invalid!"),
                NameScenario.all("qualifier_too_long0", "my-function", "a".repeat(129)),
                NameScenario.all("invalid_account_id_in_partial_arn", "invalid-account:function:my-function"),
                NameScenario.all("invalid_region_in_arn", otherRegion),
                NameScenario.all("non_lambda_arn", "arn:aws:ec2:{region}:{account}:instance:i-1234567890abcdef0"),
                NameScenario.createOnly("function_name_too_long", "a".repeat(65), null),
                NameScenario.all("function_name_too_long_and_invalid_region", otherRegion + "a".repeat(170)),
                NameScenario.all("full_arn_and_qualifier_too_long_and_invalid_region", otherRegion + "-" + "a".repeat(170),
                        "a".repeat(129)),
                NameScenario.all("full_arn_with_multiple_qualifiers", arn + ":1:2"),
                NameScenario.all("partial_arn_with_extra_qualifier", "function:my-function:$LATEST:extra"),
                NameScenario.createOnly("latest_version_with_additional_qualifier", arn + ":$LATEST", "1"),
                NameScenario.createOnly("lowercase_latest_qualifier", arn, "$latest"),
                NameScenario.all("missing_region_in_arn", "arn:aws:lambda::{account}:function:my-function"),
                NameScenario.all("missing_account_id_in_arn", "arn:aws:lambda:{region}::function:my-function"),
                NameScenario.all("misspelled_latest_in_arn", arn + ":$LATES"),
                NameScenario.all("qualifier_too_long", "my-function", "a".repeat(129)));
        List<RecordedCase> cases = new ArrayList<>();
        for (NameScenario s : scenarios) {
            for (String operation : s.operations()) {
                String testId = "TestLambdaFunction::test_function_name_and_qualifier_validation[" + s.id() + "-"
                        + operation + "]";
                cases.add(matches(LAMBDA_API, testId, operation + "_exception", s.call(operation)));
            }
        }
        return cases;
    }

    /** A FunctionName (and Qualifier) and the operations whose recorded answer is a validation error. */
    private record NameScenario(String id, String functionName, Optional<String> qualifier, List<String> operations) {
        static NameScenario all(String id, String functionName) {
            return all(id, functionName, null);
        }

        static NameScenario all(String id, String functionName, String qualifier) {
            return new NameScenario(id, functionName, Optional.ofNullable(qualifier),
                    List.of("get_function", "delete_function", "invoke", "create_function"));
        }

        static NameScenario createOnly(String id, String functionName, String qualifier) {
            return new NameScenario(id, functionName, Optional.ofNullable(qualifier), List.of("create_function"));
        }

        Call call(String operation) {
            if (operation.equals("create_function")) {
                return createFunction(functionName + qualifier.map(q -> ":" + q).orElse(""));
            }
            String name = switch (operation) {
                case "get_function" -> "GetFunction";
                case "delete_function" -> "DeleteFunction";
                default -> "Invoke";
            };
            Call call = Call.of("lambda", name, "{\"FunctionName\":\"" + functionName + "\"}");
            return qualifier.map(q -> call.with("Qualifier", q)).orElse(call);
        }
    }

    private static List<RecordedCase> lambdaAliasesAndSettings() {
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
    private static List<RecordedCase> lambdaNotServed() {
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
        for (String test : List.of("test_create_event_source_validation", "test_create_event_source_validation_kinesis")) {
            for (String key : List.of("no_starting_position", "invalid_starting_position")) {
                cases.add(notServed(LAMBDA_API, "TestLambdaEventSourceMappings::" + test, key,
                        "CreateEventSourceMapping"));
            }
        }
        cases.add(notServed(LAMBDA_API, "TestLambdaRecursion::test_put_function_recursion_config_invalid_value",
                "put_recursion_invalid_value_error", "PutFunctionRecursionConfig"));
        return cases;
    }

    private static List<RecordedCase> statesLists() {
        String tooLong1025 = "t".repeat(1025);
        String tooLong3097 = "t".repeat(3097);
        Call listExecutions = Call.of("sfn", "ListExecutions", "{\"stateMachineArn\":\"" + MACHINE + "\"}");
        Call listVersions = Call.of("sfn", "ListStateMachineVersions", "{\"stateMachineArn\":\"" + MACHINE + "\"}");
        Call listAliases = Call.of("sfn", "ListStateMachineAliases", "{\"stateMachineArn\":\"" + MACHINE + "\"}");
        Call listMachines = Call.of("sfn", "ListStateMachines", "{}");
        List<RecordedCase> cases = new ArrayList<>(List.of(
                matches("test_sfn_api", "TestSnfApi::test_state_machine_status_filter", "list_executions_filter_exc",
                        listExecutions.with("statusFilter", "succeeded")),
                matches("test_sfn_api", "TestSnfApi::test_list_sms_pagination",
                        "list-state-machines-invalid-param-too-large", listMachines.with("maxResults", 1001)),
                matches("test_sfn_api", "TestSnfApi::test_list_sms_pagination",
                        "list-state-machines-invalid-param-long-nextToken", listMachines.with("nextToken", tooLong1025)
                                .where("<invalid_token_1025_chars>", tooLong1025))));
        for (String test : List.of("TestSnfApi::test_list_executions_versions_pagination",
                "TestSnfApi::test_list_executions_pagination")) {
            cases.add(matches("test_sfn_api", test, "list-executions-invalid-param-too-large",
                    listExecutions.with("maxResults", 1001)));
            cases.add(matches("test_sfn_api", test, "list-executions-invalid-param-long-nextToken",
                    listExecutions.with("nextToken", tooLong3097).where("<invalid_token_3097_chars>", tooLong3097)));
        }
        for (String variant : List.of("0", "1")) {
            cases.add(matches("test_sfn_api_aliasing",
                    "TestSfnApiAliasing::test_list_state_machine_aliases_pagination_max_results[" + variant + "]",
                    "list_state_machine_aliases_max_results_1001_response", listAliases.with("maxResults", 1001)));
        }
        String versions = "TestSnfApiVersioning::test_list_state_machine_versions_pagination";
        cases.add(matches("test_sfn_api_versioning", versions, "list-state-machine-versions-invalid-param-too-large",
                listVersions.with("maxResults", 1001)));
        cases.add(matches("test_sfn_api_versioning", versions, "list-state-machine-versions-invalid-param-long-nextToken",
                listVersions.with("nextToken", tooLong1025).where("<invalid_token_1025_chars>", tooLong1025)));
        return cases;
    }

    private static List<RecordedCase> statesAliases() {
        String machineName = "recorded-machine";
        String version = MACHINE.replace("{region}", REGION).replace("{account}", ACCOUNT) + ":";
        String names = "TestSfnApiAliasing::test_error_create_alias_invalid_name";
        String routing = "TestSfnApiAliasing::test_error_create_alias_invalid_router_configs";
        List<Map<String, Object>> oneVersion = List.of(Map.of("stateMachineVersionArn", version + "1", "weight", 100));
        List<RecordedCase> cases = new ArrayList<>(List.of(
                matches("test_sfn_api_aliasing", routing, "too_many_routing", createStateMachineAlias("alias", List.of(
                        Map.of("stateMachineVersionArn", version + "1", "weight", 50),
                        Map.of("stateMachineVersionArn", version + "2", "weight", 30),
                        Map.of("stateMachineVersionArn", version + "3", "weight", 20)))
                        .where("<ArnPart_0idx>", machineName)),
                matches("test_sfn_api_aliasing", routing, "weight_too_large", createStateMachineAlias("alias",
                        List.of(Map.of("stateMachineVersionArn", version + "1", "weight", 101))))));
        for (String name : List.of("123", "A".repeat(81), "INVALID ALIAS", "!INVALID", "ALIAS@")) {
            cases.add(matches("test_sfn_api_aliasing", names, "exception_for_name" + name,
                    createStateMachineAlias(name, oneVersion)));
        }
        return cases;
    }

    private static Call createStateMachineAlias(String name, List<Map<String, Object>> routing) {
        return Call.of("sfn", "CreateStateMachineAlias", "{\"name\":\"" + name + "\"}")
                .with("routingConfiguration", routing);
    }

    /**
     * TestState's {@code mock.fieldValidationMode}: AWS checks a mocked result against the integrated service's
     * API model (STRICT by default, PRESENT checks only the fields given). The mocks are LocalStack's.
     */
    private static List<RecordedCase> testStateMockValidation() {
        String reason = "TestState accepts mock.fieldValidationMode but does not check a mocked result against the"
                + " integrated service's API model; Portico has the models of the services it serves only";
        List<RecordedCase> cases = new ArrayList<>();
        for (String mode : List.of("strict", "present")) {
            String snapshot = mode.equals("strict") ? "test_field_validation_mode" : "test_field_validation_mode_present";
            String testClass = mode.equals("strict") ? "TestFieldValidationMode::test_strict_mode_"
                    : "TestFieldValidationModePresent::test_present_mode_";
            for (MockCase m : MockCase.recorded(mode)) {
                cases.add(differs(snapshot, testClass + m.test() + "[" + m.variant() + "]", "validation-exception",
                        m.call(mode.toUpperCase(java.util.Locale.ROOT)), reason));
            }
        }
        return cases;
    }

    /** A Task of one integration, its input, and the mocked result AWS refused for it. */
    private record MockCase(String test, String variant, String resource, String parameters, String input,
            String result) {
        private static final String EVENTS = "arn:aws:states:::events:putEvents";
        private static final String START = "arn:aws:states:::states:startExecution";
        private static final String INVOKE = "arn:aws:states:::lambda:invoke";
        private static final String PUT_ITEM = "arn:aws:states:::dynamodb:putItem";
        private static final String GET_OBJECT = "arn:aws:states:::aws-sdk:s3:getObject";
        private static final String ENCRYPT = "arn:aws:states:::aws-sdk:kms:encrypt";
        private static final String GET_FUNCTION = "arn:aws:states:::aws-sdk:lambda:getFunction";

        static List<MockCase> recorded(String mode) {
            String events = "{\"Entries.$\":\"$.Entries\"}";
            String eventsInput = "{\"Entries\":[{\"Detail\":\"detail\",\"DetailType\":\"detail_type\",\"Source\":\"source\"}]}";
            String start = "{\"StateMachineArn.$\":\"$.stateMachineArn\",\"Input.$\":\"$.targetInput\",\"Name.$\":\"$.name\"}";
            String startInput = "{\"stateMachineArn\":\"arn:aws:states:us-east-1:000000000000:stateMachine:"
                    + "TargetStateMachine\",\"targetInput\":null,\"name\":\"TestStartTarget\"}";
            String invoke = "{\"FunctionName.$\":\"$.FunctionName\",\"Payload.$\":\"$.Payload\"}";
            String invokeInput = "{\"FunctionName\":\"function_name\",\"Payload\":null}";
            String putItem = "{\"TableName.$\":\"$.TableName\",\"Item.$\":\"$.Item\"}";
            String putItemInput = "{\"TableName\":\"table_name\",\"Item\":{\"data\":{\"S\":\"HelloWorld\"},\"id\":{\"S\":\"id1\"}}}";
            String getObject = "{\"Bucket.$\":\"$.Bucket\",\"Key.$\":\"$.Key\"}";
            String getObjectInput = "{\"Bucket\":\"bucket_name\",\"Key\":\"file_key\"}";
            String encrypt = "{\"KeyId.$\":\"$.KeyId\",\"Plaintext.$\":\"$.Plaintext\"}";
            String encryptInput = "{\"KeyId\":\"key_id\",\"Plaintext\":\"plain_text\"}";
            String getFunction = "{\"FunctionName.$\":\"$.FunctionName\"}";
            String getFunctionInput = "{\"FunctionName\":\"function_name\"}";
            List<MockCase> cases = new ArrayList<>(List.of(
                    new MockCase("eventbridge_task", "wrong_type_top_level_field", EVENTS, events, eventsInput,
                            "{\"Entries\":\"Entries value should have been a list of entry objects\"}"),
                    new MockCase("eventbridge_task", "wrong_type_nested_field", EVENTS, events, eventsInput,
                            "{\"Entries\":[{\"EventId\":[\"EventId value should have been a string not a list of strings\"]}]}"),
                    new MockCase("eventbridge_task", "wrong_type_2nd_array_element", EVENTS, events, eventsInput,
                            "{\"Entries\":[{\"EventId\":\"First eventId has correct type: string\"},"
                                    + "{\"EventId\":[\"Second eventId has incorrect type: array\"]}]}")));
            if (mode.equals("strict")) {
                cases.addAll(List.of(
                        new MockCase("sfn_task", "missing_required_fields", START, start, startInput, "{}"),
                        new MockCase("sfn_task", "field_name_not_in_sfn_case", START, start, startInput,
                                "{\"executionArn\":\"stringValueExecutionArn\",\"startDate\":\"stringValueStartDate\"}"),
                        new MockCase("sfn_task", "wrong_timestamp_type_bool", START, start, startInput,
                                "{\"ExecutionArn\":\"stringValueExecutionArn\",\"StartDate\":true}"),
                        new MockCase("sfn_task", "wrong_timestamp_type_number", START, start, startInput,
                                "{\"ExecutionArn\":\"stringValueExecutionArn\",\"StartDate\":1764103483}")));
            } else {
                cases.addAll(List.of(
                        new MockCase("sfn_task_validation_fail", "wrong_timestamp_type_bool", START, start, startInput,
                                "{\"StartDate\":true}"),
                        new MockCase("sfn_task_validation_fail", "wrong_string_type_number", START, start, startInput,
                                "{\"ExecutionArn\":1764103483}")));
            }
            cases.addAll(List.of(
                    new MockCase("lambda_task", "wrong_integer_type_string", INVOKE, invoke, invokeInput,
                            "{\"StatusCode\":\"200\"}"),
                    new MockCase("dynamodb_task", "wrong_float_type_string", PUT_ITEM, putItem, putItemInput,
                            "{\"ConsumedCapacity\":{\"CapacityUnits\":\"123.45\"}}"),
                    new MockCase("aws_sdk_s3_task", "wrong_long_type_string", GET_OBJECT, getObject, getObjectInput,
                            "{\"ContentLength\":\"9000\"}"),
                    new MockCase("aws_sdk_s3_task", "non_existent_enum_value", GET_OBJECT, getObject, getObjectInput,
                            "{\"StorageClass\":\"Papyrus\"}"),
                    new MockCase("aws_sdk_kms_task", "wrong_blob_type_number", ENCRYPT, encrypt, encryptInput,
                            "{\"CiphertextBlob\":123}"),
                    new MockCase("aws_sdk_kms_task", "wrong_blob_length_less_than_minimum", ENCRYPT, encrypt,
                            encryptInput, "{\"CiphertextBlob\":\"\"}"),
                    new MockCase("aws_sdk_lambda_get_function_task", "integer_less_than_minimum_allowed", GET_FUNCTION,
                            getFunction, getFunctionInput, "{\"Configuration\":{\"MemorySize\":127}}"),
                    new MockCase("aws_sdk_lambda_get_function_task", "integer_more_than_maximum_allowed", GET_FUNCTION,
                            getFunction, getFunctionInput, "{\"Configuration\":{\"MemorySize\":10241}}")));
            return cases;
        }

        Call call(String fieldValidationMode) {
            String definition = "{\"Type\":\"Task\",\"Resource\":\"" + resource + "\",\"Parameters\":" + parameters
                    + ",\"End\":true}";
            return Call.of("sfn", "TestState", "{}")
                    .with("definition", definition)
                    .with("roleArn", "arn:aws:iam::" + ACCOUNT + ":role/test-state-role")
                    .with("input", input)
                    .with("inspectionLevel", "INFO")
                    .with("mock", Map.of("result", result, "fieldValidationMode", fieldValidationMode));
        }
    }

    private static RecordedCase matches(String snapshot, String testId, String key, Call call) {
        return new RecordedCase(new RecordedError.Where(snapshot, testId, key), new Verdict.Matches(call));
    }

    private static RecordedCase differs(String snapshot, String testId, String key, Call call, String reason) {
        return new RecordedCase(new RecordedError.Where(snapshot, testId, key), new Verdict.Differs(call, reason));
    }

    private static RecordedCase notServed(String snapshot, String testId, String key, String operation) {
        return new RecordedCase(new RecordedError.Where(snapshot, testId, key),
                new Verdict.NotServed("lambda", operation));
    }

    private static String zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("bootstrap"));
            zip.write("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
