package io.portico.states.asl.parse;

import java.util.List;

/** Small helpers for writing definitions in tests with single quotes, and reading diagnostics back. */
final class CheckAssertions {
    private CheckAssertions() {
    }

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A one-state machine around {@code stateBody} (single-quoted JSON members of the state object). */
    static String oneState(String stateBody) {
        return json("{'StartAt':'S','States':{'S':{" + stateBody + "}}}");
    }

    static List<String> formatted(String definition) {
        return formatted(definition, MachineType.STANDARD);
    }

    static List<String> formatted(String definition, MachineType type) {
        return DefinitionParser.check(definition, type).stream().map(Diagnostic::formatted).toList();
    }
}
