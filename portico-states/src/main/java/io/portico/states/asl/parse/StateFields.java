package io.portico.states.asl.parse;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which fields each state type accepts, and which of them belong to one query language only. AWS
 * reports a field no state of that type accepts as {@code Field 'X' is not supported}, and a field of the
 * other query language with a message naming both languages. Stateless.
 */
final class StateFields {
    static final Set<String> TYPES = Set.of("Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");

    /** Fields a JSONata state rejects. */
    static final Set<String> JSONPATH_ONLY = Set.of(
            "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Result", "ItemsPath",
            "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath", "TimestampPath", "MaxConcurrencyPath",
            "ToleratedFailurePercentagePath", "ToleratedFailureCountPath", "ErrorPath", "CausePath");

    /** Fields a JSONPath state rejects. */
    static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");

    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
    private static final Set<String> FLOW = Set.of("InputPath", "OutputPath", "Output", "Assign");
    private static final Set<String> TRANSITION = Set.of("Next", "End");
    private static final Set<String> RESULT = Set.of("Parameters", "Arguments", "ResultSelector", "ResultPath");
    private static final Set<String> RECOVERY = Set.of("Retry", "Catch");

    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "Pass", union(FLOW, TRANSITION, Set.of("Parameters", "ResultPath", "Result")),
            "Task", union(FLOW, TRANSITION, RESULT, RECOVERY, Set.of("Resource", "TimeoutSeconds",
                    "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials")),
            "Choice", union(FLOW, Set.of("Choices", "Default")),
            "Wait", union(FLOW, TRANSITION, Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")),
            "Succeed", Set.of("InputPath", "OutputPath", "Output"),
            "Fail", Set.of("Error", "ErrorPath", "Cause", "CausePath"),
            "Parallel", union(FLOW, TRANSITION, RESULT, RECOVERY, Set.of("Branches")),
            "Map", union(FLOW, TRANSITION, RECOVERY, Set.of("Parameters", "ResultSelector", "ResultPath",
                    "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector", "ItemReader", "ItemBatcher",
                    "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount",
                    "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
                    "Label")));

    private StateFields() {
    }

    static boolean allowed(String type, String field) {
        return COMMON.contains(field) || ALLOWED.getOrDefault(type, Set.of()).contains(field);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
