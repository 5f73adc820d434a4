package io.portico.server.conformance;

import static io.portico.server.conformance.RecordedValidationCases.ACCOUNT;
import static io.portico.server.conformance.RecordedValidationCases.REGION;
import static io.portico.server.conformance.RecordedValidationCases.matches;

import io.portico.server.conformance.RecordedCase.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The validation errors of the Step Functions API recordings: list paging limits and alias names and routing. */
final class StatesValidationCases {
    private static final String MACHINE = "arn:aws:states:{region}:{account}:stateMachine:recorded-machine";

    private StatesValidationCases() {
    }

    static List<RecordedCase> all() {
        List<RecordedCase> all = new ArrayList<>(lists());
        all.addAll(aliases());
        return all;
    }

    private static List<RecordedCase> lists() {
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

    private static List<RecordedCase> aliases() {
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
}
