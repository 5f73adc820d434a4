package io.portico.server.conformance;

import static io.portico.server.conformance.RecordedValidationCases.ACCOUNT;
import static io.portico.server.conformance.RecordedValidationCases.differs;

import io.portico.server.conformance.RecordedCase.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TestState's {@code mock.fieldValidationMode}: AWS checks a mocked result against the integrated service's
 * API model (STRICT by default, PRESENT checks only the fields given), Portico does not (a known difference,
 * docs/states.md). The mocks are LocalStack's ({@code test_field_validation_mode}, {@code _present}).
 */
final class TestStateMockCases {

    private TestStateMockCases() {
    }

    static List<RecordedCase> all() {
        String reason = "TestState accepts mock.fieldValidationMode but does not check a mocked result against the"
                + " integrated service's API model; Portico has the models of the services it serves only";
        List<RecordedCase> cases = new ArrayList<>();
        for (String mode : List.of("strict", "present")) {
            String snapshot = mode.equals("strict") ? "test_field_validation_mode" : "test_field_validation_mode_present";
            String testClass = mode.equals("strict") ? "TestFieldValidationMode::test_strict_mode_"
                    : "TestFieldValidationModePresent::test_present_mode_";
            for (MockCase m : MockCase.recorded(mode)) {
                cases.add(differs(snapshot, testClass + m.test() + "[" + m.variant() + "]", "validation-exception",
                        m.call(mode.toUpperCase(Locale.ROOT)), reason));
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
}
