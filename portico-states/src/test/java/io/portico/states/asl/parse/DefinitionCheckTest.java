package io.portico.states.asl.parse;

import static io.portico.states.asl.parse.CheckAssertions.formatted;
import static io.portico.states.asl.parse.CheckAssertions.json;
import static io.portico.states.asl.parse.CheckAssertions.oneState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Top-level and graph rules: JSON shape, required fields, transitions, reachability, terminal states. */
class DefinitionCheckTest {

    @Test
    void parse_malformedJson_reportsJacksonMessageWithAwsColumn() {
        assertThatThrownBy(() -> DefinitionParser.parse("not a definition", MachineType.STANDARD))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: Unrecognized token 'not': was"
                        + " expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source:"
                        + " (String)\"not a definition\"; line: 1, column: 4] at [Source: (String)\"not a definition\";"
                        + " line: 1, column: 4]'");
    }

    @Test
    void check_blankOrNonObject_isNotADefinition() {
        assertThat(formatted(" ")).containsExactly("SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object at null");
        assertThat(formatted("[1]")).containsExactly("SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object at null");
    }

    @Test
    void check_emptyObject_requiresStatesThenStartAt() {
        assertThat(formatted("{}")).containsExactly("SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /");
    }

    @Test
    void check_unknownTopLevelField_isNotSupported() {
        assertThat(formatted(json("{'StartAt':'A','Coment':'x','States':{'A':{'Type':'Pass','End':true}}}")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Field 'Coment' is not supported at /");
    }

    @Test
    void check_topLevelTimeoutAndVersion_areChecked() {
        assertThat(formatted(json("{'StartAt':'A','Version':'2.0','TimeoutSeconds':-1,'States':{'A':{'Type':'Pass','End':true}}}")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /TimeoutSeconds",
                        "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [1.0] at /Version");
    }

    @Test
    void parse_missingTargetAndUnreachable_joinedLikeAws() {
        String definition = json("{'StartAt':'pass1','States':{'pass1':{'Type':'Pass','Next':'pass3'},"
                + "'pass2':{'Type':'Pass','End':true}}}");
        assertThatThrownBy(() -> DefinitionParser.parse(definition, MachineType.STANDARD))
                .hasMessage("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3"
                        + " at /States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. at /States/pass2'");
    }

    @Test
    void check_danglingStartAt_reportsOnlyStatesNothingNames() {
        assertThat(formatted(json("{'StartAt':'Not sure','States':{'Pass One':{'Type':'Pass','Next':'Success'},"
                + "'Success':{'Type':'Succeed'}}}")))
                .containsExactly("MISSING_TRANSITION_TARGET: Missing 'Next' target: Not sure at /StartAt",
                        "MISSING_TRANSITION_TARGET: State \"Pass One\" is not reachable. at /States/Pass One");
    }

    @Test
    void check_danglingDefaultChoiceAndCatchTargets_allSayNext() {
        String definition = json("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a',"
                + "'IsPresent':true,'Next':'X'}],'Default':'Y'},'T':{'Type':'Task','Resource':"
                + "'arn:aws:lambda:us-east-1:000000000000:function:f','Catch':[{'ErrorEquals':['States.ALL'],'Next':'Z'}],'End':true}}}");
        assertThat(formatted(definition)).containsExactly(
                "MISSING_TRANSITION_TARGET: Missing 'Next' target: Y at /States/C/Default",
                "MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /States/C/Choices[0]/Next",
                "MISSING_TRANSITION_TARGET: Missing 'Next' target: Z at /States/T/Catch[0]/Next",
                "MISSING_TRANSITION_TARGET: State \"T\" is not reachable. at /States/T");
    }

    @Test
    void check_loopWithoutTerminal_isMissingEndStateWithoutLocation() {
        assertThat(formatted(json("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'},"
                + "'C':{'Type':'Pass','Next':'A'}}}")))
                .containsExactly("MISSING_END_STATE: Workflow has no terminal state at null");
    }

    @Test
    void check_nextAndEnd_areExclusiveAndOneIsRequired() {
        assertThat(formatted(oneState("'Type':'Pass','Next':'S','End':true")))
                .contains("SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Next, End] at /States/S");
        assertThat(formatted(json("{'StartAt':'S','States':{'S':{'Type':'Pass'},'E':{'Type':'Succeed'}}}")))
                .contains("SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/S");
    }

    @Test
    void check_typeMissingOrUnknown_isReported() {
        assertThat(formatted(oneState("'End':true"))).contains("SCHEMA_VALIDATION_FAILED: These fields are required: [Type] at /States/S");
        assertThat(formatted(oneState("'Type':'Sleep','End':true"))).contains("SCHEMA_VALIDATION_FAILED: Value should be one"
                + " of the following: [Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map] at /States/S/Type");
    }

    @Test
    void check_longStateName_isInvalid() {
        String name = "n".repeat(81);
        assertThat(formatted(json("{'StartAt':'" + name + "','States':{'" + name + "':{'Type':'Succeed'}}}")))
                .extracting(s -> s.substring(0, s.indexOf(':'))).containsExactly("INVALID_STATE_NAME");
    }

    @Test
    void check_duplicateNameInsideParallelBranch_isReported() {
        String definition = json("{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'P',"
                + "'States':{'P':{'Type':'Succeed'}}}]}}}");
        assertThat(formatted(definition)).extracting(s -> s.substring(0, s.indexOf(':'))).containsExactly("DUPLICATE_STATE_NAME");
    }

    @Test
    void check_unsupportedFieldOnStateType_isReportedAtState() {
        assertThat(formatted(oneState("'Type':'Pass','End':true,'TimeoutSeconds':3,'Catch':[]")))
                .contains("SCHEMA_VALIDATION_FAILED: Field 'TimeoutSeconds' is not supported at /States/S",
                        "SCHEMA_VALIDATION_FAILED: Field 'Catch' is not supported at /States/S");
    }

    @Test
    void validate_severityAndMaxResults_filterAndTruncate() {
        String definition = json("{'StartAt':'A','X':1,'Y':2,'States':{'A':{'Type':'Pass','End':true}}}");
        ValidationReport report = DefinitionParser.validate(definition, MachineType.STANDARD, Diagnostic.Severity.ERROR, 1);
        assertThat(report.result()).isEqualTo(ValidationReport.Result.FAIL);
        assertThat(report.truncated()).isTrue();
        assertThat(report.diagnostics()).hasSize(1);
        ValidationReport ok = DefinitionParser.validate(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true}}}"),
                MachineType.EXPRESS, Diagnostic.Severity.WARNING, 0);
        assertThat(ok).isEqualTo(new ValidationReport(ValidationReport.Result.OK, java.util.List.of(), false));
    }

    @Test
    void check_branchWithoutTerminal_isNotMissingEndState() {
        String definition = json("{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'A',"
                + "'States':{'A':{'Type':'Pass','Next':'A'}}}]}}}");
        assertThat(formatted(definition)).isEmpty();
    }
}
