package io.portico.server.conformance;

import static io.portico.server.conformance.LambdaValidationCases.LAMBDA_API;
import static io.portico.server.conformance.LambdaValidationCases.createFunction;
import static io.portico.server.conformance.RecordedValidationCases.matches;

import io.portico.server.conformance.RecordedCase.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code test_lambda_api} {@code TestLambdaFunction::test_function_name_and_qualifier_validation[<scenario>-<operation>]}:
 * GetFunction, DeleteFunction and Invoke with a FunctionName and a Qualifier, and CreateFunction with the two
 * joined by {@code :} (CreateFunction has no Qualifier). The recording keeps each message as its sorted
 * sentences.
 */
final class LambdaFunctionNameCases {

    private LambdaFunctionNameCases() {
    }

    static List<RecordedCase> all() {
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
}
