package io.portico.server.states;

import static io.portico.server.states.StateMachineApiTest.ROLE;
import static io.portico.server.states.StatesFixture.ARN_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.core.testing.Race;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateActivityResponse;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;

/**
 * Regression: parallel CreateStateMachine, CreateActivity and StartExecution calls with one name hit
 * SQLITE_CONSTRAINT_PRIMARYKEY and answered InternalFailure. Through the real SfnClient, with retries off
 * so that a 500 cannot hide behind a successful retry, every answer must be AWS's idempotent answer or
 * its conflict error.
 */
@PorticoTest
class CreateRacesApiTest {
    private static final int RACERS = 16;
    private static final String WAIT = """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}""";

    private final SfnClient sfn;

    CreateRacesApiTest(PorticoClients clients) {
        this.sfn = clients.create(SfnClient.builder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())));
    }

    @AfterEach
    void close() {
        sfn.close();
    }

    private static String definition(int comment) {
        return "{\"Comment\": \"" + comment + "\", \"StartAt\": \"W\", \"States\": "
                + "{\"W\": {\"Type\": \"Wait\", \"Seconds\": 3600, \"End\": true}}}";
    }

    @Test
    void createStateMachine_sameRequestInParallel_allAnswerTheOneMachine() throws Exception {
        List<Race.Outcome<CreateStateMachineResponse>> outcomes = Race.run(RACERS, i -> () ->
                sfn.createStateMachine(b -> b.name("same-machine").definition(WAIT).roleArn(ROLE)));

        assertThat(Race.failures(outcomes)).isEmpty();
        assertThat(Race.values(outcomes)).extracting(CreateStateMachineResponse::stateMachineArn)
                .containsOnly(ARN_PREFIX + "stateMachine:same-machine");
        assertThat(Race.values(outcomes)).extracting(CreateStateMachineResponse::creationDate)
                .containsOnly(sfn.describeStateMachine(b -> b.stateMachineArn(ARN_PREFIX + "stateMachine:same-machine"))
                        .creationDate());
    }

    @Test
    void createStateMachine_otherDefinitionsInParallel_oneCreatesTheRestAlreadyExist() throws Exception {
        List<Race.Outcome<CreateStateMachineResponse>> outcomes = Race.run(RACERS, i -> () ->
                sfn.createStateMachine(b -> b.name("contested-machine").definition(definition(i)).roleArn(ROLE)));

        assertThat(Race.values(outcomes)).hasSize(1);
        assertThat(Race.failures(outcomes)).hasSize(RACERS - 1).allSatisfy(e -> assertThat(e)
                .isInstanceOf(StateMachineAlreadyExistsException.class)
                .hasMessageStartingWith("State Machine Already Exists: '" + ARN_PREFIX + "stateMachine:contested-machine'"));
    }

    @Test
    void createActivity_inParallel_allAnswerTheOneActivity() throws Exception {
        List<Race.Outcome<CreateActivityResponse>> outcomes = Race.run(RACERS, i -> () ->
                sfn.createActivity(b -> b.name("same-activity").tags(t -> t.key("racer").value("" + i))));

        assertThat(Race.failures(outcomes)).isEmpty();
        assertThat(Race.values(outcomes)).extracting(CreateActivityResponse::activityArn)
                .containsOnly(ARN_PREFIX + "activity:same-activity");
        assertThat(Race.values(outcomes)).extracting(CreateActivityResponse::creationDate).hasSize(RACERS)
                .containsOnly(sfn.describeActivity(b -> b.activityArn(ARN_PREFIX + "activity:same-activity")).creationDate());
    }

    @Test
    void startExecution_sameNameAndInputInParallel_allAnswerTheOneExecution() throws Exception {
        String machine = sfn.createStateMachine(b -> b.name("idempotent-start").definition(WAIT).roleArn(ROLE))
                .stateMachineArn();

        List<Race.Outcome<StartExecutionResponse>> outcomes = Race.run(RACERS, i -> () ->
                sfn.startExecution(b -> b.stateMachineArn(machine).name("run-1").input("{\"n\":1}")));

        assertThat(Race.failures(outcomes)).isEmpty();
        String arn = ARN_PREFIX + "execution:idempotent-start:run-1";
        assertThat(Race.values(outcomes)).extracting(StartExecutionResponse::executionArn).containsOnly(arn);
        assertThat(Race.values(outcomes)).extracting(StartExecutionResponse::startDate)
                .containsOnly(sfn.describeExecution(b -> b.executionArn(arn)).startDate());
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine)).executions()).hasSize(1);
        sfn.stopExecution(b -> b.executionArn(arn));
    }

    @Test
    void startExecution_sameNameOtherInputsInParallel_oneStartsTheRestAlreadyExist() throws Exception {
        String machine = sfn.createStateMachine(b -> b.name("contested-start").definition(WAIT).roleArn(ROLE))
                .stateMachineArn();

        List<Race.Outcome<StartExecutionResponse>> outcomes = Race.run(RACERS, i -> () ->
                sfn.startExecution(b -> b.stateMachineArn(machine).name("run-1").input("{\"n\":" + i + "}")));

        String arn = ARN_PREFIX + "execution:contested-start:run-1";
        assertThat(Race.values(outcomes)).extracting(StartExecutionResponse::executionArn).containsExactly(arn);
        assertThat(Race.failures(outcomes)).hasSize(RACERS - 1).allSatisfy(e -> assertThat(e)
                .isInstanceOf(ExecutionAlreadyExistsException.class)
                .hasMessageStartingWith("Execution Already Exists: '" + arn + "'"));
        sfn.stopExecution(b -> b.executionArn(arn));
    }
}
