package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.testing.Race;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.engine.StepFunctionsException.Kind;
import io.portico.states.store.StatesStores;
import io.portico.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: concurrent CreateStateMachine, CreateActivity and StartExecution calls with one name hit
 * the primary key and answered InternalFailure. Every answer must be AWS's idempotent answer or its
 * conflict error. Also: idempotency follows AWS's rules, and create-time tags commit with the resource.
 */
class ConcurrentCreatesTest {
    private static final int THREADS = 24;
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";
    private static final String ROLE = "arn:aws:iam::000000000000:role/states";
    private static final String PASS = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";
    private static final String WAIT = """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}""";

    @TempDir
    Path dir;
    private SqliteStore store;
    private StepFunctions engine;

    @BeforeEach
    void start() {
        store = SqliteStore.open(dir);
        engine = StepFunctions.create(StatesStores.over(store, Clock.systemUTC()), EngineTimers.kit(), TaskResources.NONE);
        engine.start();
    }

    @AfterEach
    void stop() {
        engine.close();
        store.close();
    }

    private static StateMachines.CreateRequest machine(String name, String definition) {
        return machine(name, definition, ROLE, Optional.empty(), Map.of());
    }

    private static StateMachines.CreateRequest machine(String name, String definition, String role,
                                                       Optional<String> logging, Map<String, String> tags) {
        return new StateMachines.CreateRequest(ACCOUNT, REGION, name, definition, role, MachineType.STANDARD, logging,
                Optional.empty(), false, Optional.empty(), tags);
    }

    /** Runs {@code call(i)} on THREADS threads released together; each outcome is a value or the thrown error. */
    private static <T> List<Object> race(IntFunction<Callable<T>> call) throws InterruptedException {
        return Race.run(THREADS, call).stream().map(o -> switch (o) {
            case Race.Outcome.Value<T> v -> (Object) v.value();
            case Race.Outcome.Failure<T> f -> f.error();
        }).toList();
    }

    /** The kind of a refused outcome, the class of any other failure, or "value". */
    private static String kind(Object outcome) {
        return switch (outcome) {
            case StepFunctionsException e -> e.kind().name();
            case Throwable t -> t.getClass().getName();
            default -> "value";
        };
    }

    @Test
    void createStateMachine_concurrentIdenticalCreates_allAnswerTheOneMachine() throws Exception {
        List<Object> outcomes = race(i -> () -> engine.machines().create(machine("orders", PASS)));

        StateMachineInfo stored = engine.machines().describe("arn:aws:states:us-east-1:000000000000:stateMachine:orders");
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(StateMachineInfo.class));
        assertThat(outcomes).extracting(o -> ((StateMachineInfo) o).creationDate()).containsOnly(stored.creationDate());
        assertThat(outcomes).extracting(o -> ((StateMachineInfo) o).revisionId()).containsOnly(stored.revisionId());
    }

    @Test
    void createStateMachine_concurrentDifferentDefinitions_oneWinsTheRestAlreadyExist() throws Exception {
        List<Object> outcomes = race(i -> () -> engine.machines().create(machine("orders",
                "{\"Comment\": \"" + i + "\", \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}")));

        assertThat(outcomes).extracting(ConcurrentCreatesTest::kind)
                .containsOnly("value", "MACHINE_ALREADY_EXISTS")
                .filteredOn("value"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(StepFunctionsException.class::isInstance)
                .allSatisfy(e -> assertThat(((StepFunctionsException) e)).hasMessage(
                        "State Machine Already Exists: 'arn:aws:states:us-east-1:000000000000:stateMachine:orders'"));
    }

    @Test
    void createStateMachine_repeatWithOtherRoleAndTags_isIdempotentAndChangesNothing() {
        StateMachineInfo first = engine.machines().create(machine("orders", PASS, ROLE, Optional.empty(), Map.of("a", "1")));

        StateMachineInfo again = engine.machines().create(machine("orders", PASS,
                "arn:aws:iam::000000000000:role/other", Optional.empty(), Map.of("b", "2")));

        assertThat(again).isEqualTo(first);
        assertThat(engine.resources().tags(first.arn())).containsExactly(Map.entry("a", "1"));
    }

    @Test
    void createStateMachine_repeatWithDefaultLoggingSpelledOut_isIdempotent_otherLoggingIsNot() {
        engine.machines().create(machine("orders", PASS));

        assertThat(engine.machines().create(machine("orders", PASS, ROLE,
                Optional.of("{\"includeExecutionData\":false,\"level\":\"OFF\"}"), Map.of())).name()).isEqualTo("orders");
        assertThatThrownBy(() -> engine.machines().create(machine("orders", PASS, ROLE,
                Optional.of("{\"level\":\"ALL\",\"includeExecutionData\":true}"), Map.of())))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.MACHINE_ALREADY_EXISTS));
    }

    @Test
    void createStateMachine_repeatWithPublish_isAlreadyExists() {
        engine.machines().create(machine("orders", PASS));

        assertThatThrownBy(() -> engine.machines().create(new StateMachines.CreateRequest(ACCOUNT, REGION, "orders",
                PASS, ROLE, MachineType.STANDARD, Optional.empty(), Optional.empty(), true, Optional.empty(), Map.of())))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.MACHINE_ALREADY_EXISTS));
    }

    @Test
    void createStateMachine_tooManyTags_createsNothing() {
        Map<String, String> tags = new java.util.HashMap<>();
        for (int i = 0; i < 51; i++) {
            tags.put("k" + i, "v");
        }

        assertThatThrownBy(() -> engine.machines().create(machine("orders", PASS, ROLE, Optional.empty(), tags)))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_TAGS));
        assertThat(engine.machines().list(ACCOUNT, REGION)).isEmpty();
    }

    @Test
    void deleteStateMachine_deletesItsTags() {
        StateMachineInfo m = engine.machines().create(machine("orders", PASS, ROLE, Optional.empty(), Map.of("a", "1")));

        engine.machines().delete(m.arn());
        engine.machines().create(machine("orders", PASS));

        assertThat(engine.resources().tags(m.arn())).isEmpty();
    }

    @Test
    void createActivity_concurrentCreates_allAnswerTheOneActivity_withTheFirstTags() throws Exception {
        List<Object> outcomes = race(i -> () -> engine.activities().create(ACCOUNT, REGION, "resize", Map.of("n", "" + i)));

        ActivityInfo stored = engine.activities().describe("arn:aws:states:us-east-1:000000000000:activity:resize");
        assertThat(outcomes).containsOnly(stored);
        assertThat(engine.resources().tags(stored.arn())).hasSize(1).containsKey("n");
    }

    @Test
    void deleteActivity_deletesItsTags() {
        ActivityInfo a = engine.activities().create(ACCOUNT, REGION, "resize", Map.of("a", "1"));

        engine.activities().delete(a.arn());

        assertThat(engine.resources().tags(a.arn())).isEmpty();
    }

    @Test
    void startExecution_concurrentSameNameAndInput_allAnswerTheOneExecution() throws Exception {
        String machineArn = engine.machines().create(machine("waits", WAIT)).arn();

        List<Object> outcomes = race(i -> () -> engine.executions().start(new Executions.StartRequest(machineArn,
                Optional.of("run-1"), Optional.of("{\"x\":1}"), Optional.empty())));

        ExecutionRecord stored = engine.executions().list(machineArn, Optional.empty()).get(0);
        assertThat(engine.executions().list(machineArn, Optional.empty())).hasSize(1);
        assertThat(outcomes).containsOnly(new Executions.Started(stored.arn(), stored.startDate()));
        assertThat(engine.executions().history(stored.arn()))
                .filteredOn(e -> e.type() == EventType.ExecutionStarted).hasSize(1);
    }

    @Test
    void startExecution_concurrentSameNameOtherInputs_oneStartsTheRestAlreadyExist() throws Exception {
        String machineArn = engine.machines().create(machine("waits", WAIT)).arn();

        List<Object> outcomes = race(i -> () -> engine.executions().start(new Executions.StartRequest(machineArn,
                Optional.of("run-1"), Optional.of("{\"x\":" + i + "}"), Optional.empty())));

        assertThat(outcomes).extracting(ConcurrentCreatesTest::kind)
                .containsOnly("value", "EXECUTION_ALREADY_EXISTS")
                .filteredOn("value"::equals).hasSize(1);
        assertThat(engine.executions().list(machineArn, Optional.empty())).hasSize(1);
    }

    @Test
    void startExecution_repeatAfterTheExecutionClosed_isAlreadyExists() throws InterruptedException {
        String machineArn = engine.machines().create(machine("passes", PASS)).arn();
        Executions.StartRequest request = new Executions.StartRequest(machineArn, Optional.of("run-1"),
                Optional.of("{}"), Optional.empty());
        String arn = engine.executions().start(request).executionArn();
        engine.executions().awaitEnd(arn);

        assertThatThrownBy(() -> engine.executions().start(request))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.EXECUTION_ALREADY_EXISTS));
    }
}
