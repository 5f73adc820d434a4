package io.portico.states.asl.parse;

import static io.portico.states.asl.parse.CheckAssertions.formatted;
import static io.portico.states.asl.parse.CheckAssertions.json;
import static io.portico.states.asl.parse.CheckAssertions.oneState;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Per-state rules: query language, paths, Task resources, Wait, Fail, Retry and Catch. */
class StateCheckTest {
    private static final String LAMBDA = "'Resource':'arn:aws:lambda:us-east-1:000000000000:function:f'";

    @Test
    void queryLanguage_jsonPathStateUnderJsonataMachine_isRejected() {
        assertThat(formatted(json("{'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Pass','End':true,"
                + "'QueryLanguage':'JSONPath'}}}")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for"
                        + " whole state machine at /States/P");
    }

    @Test
    void queryLanguage_unknownValue_isReportedAtTheField() {
        assertThat(formatted(oneState("'Type':'Succeed','QueryLanguage':'jsonata'")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Value should be one of the following: [JSONPath, JSONata] at"
                        + " /States/S/QueryLanguage");
    }

    @Test
    void queryLanguage_jsonPathFieldsInJsonataState_areRejected() {
        assertThat(formatted(oneState("'Type':'Pass','QueryLanguage':'JSONata','InputPath':'$','Result':{},'End':true")))
                .containsExactlyInAnyOrder(
                        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'InputPath' is only"
                                + " supported for the 'JSONPath' QueryLanguage at /States/S",
                        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'Result' is only"
                                + " supported for the 'JSONPath' QueryLanguage at /States/S");
    }

    @Test
    void queryLanguage_jsonataFieldsInJsonPathState_areRejected() {
        assertThat(formatted(oneState("'Type':'Task'," + LAMBDA + ",'Arguments':{},'End':true")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Arguments'"
                        + " is only supported for the 'JSONata' QueryLanguage at /States/S");
    }

    @Test
    void jsonata_expressionTheParserFailsOn_isInvalidJsonataExpressionInJsonatasWords() {
        // Found by fuzzing: the diagnostic carried the parser's NullPointerException message.
        assertThat(formatted(oneState("'Type':'Pass','QueryLanguage':'JSONata','Output':'{% $x@ %}','End':true")))
                .containsExactly("INVALID_JSONATA_EXPRESSION: The right side of \"@\" must be a variable name (start with $)"
                        + " at /States/S/Output");
    }

    @Test
    void jsonata_unparseableExpression_isInvalidJsonataExpression() {
        assertThat(formatted(oneState("'Type':'Pass','QueryLanguage':'JSONata','Output':{'v':'{% 1 + %}'},'End':true")))
                .containsExactly("INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/S/Output/v");
    }

    @Test
    void paths_resultPathMustBeReferencePath() {
        assertThat(formatted(oneState("'Type':'Pass','ResultPath':'$.a[*]','End':true")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Value is not a Reference Path at /States/S/ResultPath");
        assertThat(formatted(oneState("'Type':'Pass','ResultPath':'a','End':true")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Value is not a Reference Path: Reference path didn't start"
                        + " with '$' at /States/S/ResultPath");
    }

    @Test
    void paths_nullAndContextAndVariables_areAccepted() {
        assertThat(formatted(oneState("'Type':'Pass','InputPath':null,'ResultPath':null,'OutputPath':'$$.Execution.Id',"
                + "'Parameters':{'a.$':'$x.b','c.$':'States.Format(\\'{}\\', $.d)'},'End':true"))).isEmpty();
    }

    @Test
    void paths_badJsonPathAndBadIntrinsic_areRejected() {
        assertThat(formatted(oneState("'Type':'Pass','InputPath':'$.a.','End':true")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Value must be a valid JSONPath. at /States/S/InputPath");
        assertThat(formatted(oneState("'Type':'Pass','Parameters':{'a.$':'States.Nope(1)'},'End':true")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: The value for the field 'a.$' must be a valid JSONPath or a"
                        + " valid intrinsic function call at /States/S/Parameters");
    }

    @Test
    void task_unknownIntegration_isNotRecognized() {
        assertThat(formatted(oneState("'Type':'Task','Resource':'arn:aws:states:::dynamodb:query','End':true")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::dynamodb:query is not"
                        + " recognized. The value is not a valid resource ARN, or the resource is not available in this"
                        + " region. at /States/S/Resource");
    }

    @Test
    void task_knownResources_areRecognized() {
        for (String resource : new String[] {"arn:aws:states:::lambda:invoke.waitForTaskToken",
                "arn:aws:states:eu-west-1:123456789012:activity:work", "arn:aws:states:::states:startExecution.sync:2",
                "arn:aws:states:::dynamodb:putItem", "arn:aws:states:::aws-sdk:s3:listObjectsV2",
                "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST", "arn:aws:states:::sqs:sendMessage.waitForTaskToken"}) {
            assertThat(formatted(oneState("'Type':'Task','Resource':'" + resource + "','End':true"))).as(resource).isEmpty();
        }
        assertThat(formatted(oneState("'Type':'Task','Resource':'arn:aws:states:::dynamodb:getItem.sync','End':true")))
                .hasSize(1);
    }

    @Test
    void task_expressMachine_rejectsSyncAndCallbackIntegrations() {
        assertThat(formatted(oneState("'Type':'Task','Resource':'arn:aws:states:::states:startExecution.sync','End':true"),
                MachineType.EXPRESS)).containsExactly("SCHEMA_VALIDATION_FAILED: Express state machine does not support"
                + " '.sync' service integration at /States/S/Resource");
        assertThat(formatted(oneState("'Type':'Task','Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken','End':true"),
                MachineType.EXPRESS)).containsExactly("SCHEMA_VALIDATION_FAILED: Express state machine does not support"
                + " '.waitForTaskToken' service integration at /States/S/Resource");
    }

    @Test
    void task_credentialsWithoutRoleArn_isRejected() {
        assertThat(formatted(oneState("'Type':'Task'," + LAMBDA + ",'Credentials':{'Other':1},'End':true")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing at"
                        + " /States/S/Credentials");
    }

    @Test
    void task_timeoutsAreExclusiveAndHeartbeatBelowTimeout() {
        assertThat(formatted(oneState("'Type':'Task'," + LAMBDA + ",'TimeoutSeconds':5,'TimeoutSecondsPath':'$.t','End':true")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: There should only be one of the following fields:"
                        + " [TimeoutSeconds, TimeoutSecondsPath] at /States/S");
        assertThat(formatted(oneState("'Type':'Task'," + LAMBDA + ",'TimeoutSeconds':5,'HeartbeatSeconds':5,'End':true")))
                .hasSize(1);
    }

    @Test
    void wait_literalTimestampMustBeRfc3339WithZone() {
        for (String timestamp : new String[] {"2016-13-05T21:29:29Z", "2016-12-05T21:29:29", "{% 1 %}", "2016-12-05t21:29:29z"}) {
            assertThat(formatted(oneState("'Type':'Wait','Timestamp':'" + timestamp + "','End':true"))).as(timestamp)
                    .containsExactly("SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/S/Timestamp");
        }
        assertThat(formatted(oneState("'Type':'Wait','Timestamp':'2016-03-14T01:59:00.123+01:00','End':true"))).isEmpty();
        assertThat(formatted(oneState("'Type':'Wait','QueryLanguage':'JSONata','Timestamp':'{% $now() %}','End':true"))).isEmpty();
    }

    @Test
    void wait_exactlyOneDuration() {
        assertThat(formatted(oneState("'Type':'Wait','Seconds':1,'SecondsPath':'$.s','End':true")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: There should only be one of the following fields:"
                        + " [SecondsPath, Seconds, TimestampPath, Timestamp] at /States/S");
        assertThat(formatted(oneState("'Type':'Wait','End':true"))).hasSize(1);
        assertThat(formatted(oneState("'Type':'Wait','Seconds':-1,'End':true")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/S/Seconds");
    }

    @Test
    void fail_errorAndErrorPathAreExclusive() {
        assertThat(formatted(oneState("'Type':'Fail','Error':'E','ErrorPath':'$.e'")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Error,"
                        + " ErrorPath] at /States/S");
        assertThat(formatted(oneState("'Type':'Fail','ErrorPath':'States.Format(\\'{}\\', $.e)','CausePath':'$.c'"))).isEmpty();
    }

    @Test
    void retry_rulesOnErrorEqualsAndNumbers() {
        assertThat(formatted(oneState("'Type':'Task'," + LAMBDA + ",'End':true,'Retry':[{'ErrorEquals':['States.ALL','X']},"
                + "{'ErrorEquals':[]},{'ErrorEquals':['E'],'MaxAttempts':-1,'BackoffRate':0.5,'IntervalSeconds':0,"
                + "'JitterStrategy':'SOME'}]")))
                .containsExactly(
                        "SCHEMA_VALIDATION_FAILED: States.ALL must appear alone in the ErrorEquals array at /States/S/Retry[0]/ErrorEquals",
                        "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/S/Retry[1]/ErrorEquals",
                        "SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /States/S/Retry[2]/IntervalSeconds",
                        "SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/S/Retry[2]/MaxAttempts",
                        "SCHEMA_VALIDATION_FAILED: Minimum value is 1.0 at /States/S/Retry[2]/BackoffRate",
                        "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [FULL, NONE] at /States/S/Retry[2]/JitterStrategy");
    }

    @Test
    void catch_statesAllMustBeLastAndNextRequired() {
        assertThat(formatted(json("{'StartAt':'S','States':{'S':{'Type':'Task'," + LAMBDA + ",'End':true,'Catch':["
                + "{'ErrorEquals':['States.ALL'],'Next':'F'},{'ErrorEquals':['E']}]},'F':{'Type':'Succeed'}}}")))
                .containsExactly(
                        "SCHEMA_VALIDATION_FAILED: States.ALL must appear in the last element of the array at /States/S/Catch[0]/ErrorEquals",
                        "SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/S/Catch[1]");
    }

    @Test
    void queryLanguage_refusedDowngrade_isTheWholeAnswerForTheState() {
        assertThat(formatted(json("{'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Pass','End':true,"
                + "'QueryLanguage':'JSONPath','Output':1}}}")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for"
                        + " whole state machine at /States/P");
    }

    @Test
    void queryLanguage_nonString_isATypeError() {
        assertThat(formatted(oneState("'Type':'Succeed','QueryLanguage':1")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] at /States/S/QueryLanguage");
    }

    @Test
    void jsonata_expressionsInNamesAndCredentials_areNotParsed() {
        assertThat(formatted(oneState("'Type':'Task','QueryLanguage':'JSONata','Resource':'arn:aws:states:::lambda:invoke',"
                + "'Comment':'{% ( %}','Credentials':{'RoleArn':'{% ( %}'},'Catch':[{'ErrorEquals':['{% ( %}'],'Next':'S'}],"
                + "'Arguments':{'Comment':'{% ( %}'},'End':true")))
                .containsExactly("INVALID_JSONATA_EXPRESSION: Expected \")\" before end of expression at"
                        + " /States/S/Arguments/Comment");
    }
}
