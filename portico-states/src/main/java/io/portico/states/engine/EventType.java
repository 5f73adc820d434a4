package io.portico.states.engine;

import io.portico.states.asl.State;

/**
 * The execution history event types Portico records, with the name of the details field AWS puts
 * each type's details under in GetExecutionHistory (for example {@code stateEnteredEventDetails}).
 *
 * <p>Why an enum and a JSON details object rather than a record per event: AWS defines some sixty event
 * types whose details are read by nothing in the engine, only serialised back to clients; a closed
 * enum keeps the names right while the details stay in the wire shape they are served in.
 */
public enum EventType {
    ExecutionStarted("executionStartedEventDetails"),
    ExecutionSucceeded("executionSucceededEventDetails"),
    ExecutionFailed("executionFailedEventDetails"),
    ExecutionAborted("executionAbortedEventDetails"),
    ExecutionTimedOut("executionTimedOutEventDetails"),
    ExecutionRedriven("executionRedrivenEventDetails"),

    PassStateEntered("stateEnteredEventDetails"), PassStateExited("stateExitedEventDetails"),
    TaskStateEntered("stateEnteredEventDetails"), TaskStateExited("stateExitedEventDetails"),
    ChoiceStateEntered("stateEnteredEventDetails"), ChoiceStateExited("stateExitedEventDetails"),
    WaitStateEntered("stateEnteredEventDetails"), WaitStateExited("stateExitedEventDetails"),
    SucceedStateEntered("stateEnteredEventDetails"), SucceedStateExited("stateExitedEventDetails"),
    FailStateEntered("stateEnteredEventDetails"),
    ParallelStateEntered("stateEnteredEventDetails"), ParallelStateExited("stateExitedEventDetails"),
    MapStateEntered("stateEnteredEventDetails"), MapStateExited("stateExitedEventDetails"),
    TaskStateAborted(null), WaitStateAborted(null), ParallelStateAborted(null), MapStateAborted(null),

    ParallelStateStarted(null), ParallelStateSucceeded(null), ParallelStateFailed(null),
    MapStateStarted("mapStateStartedEventDetails"), MapStateSucceeded(null), MapStateFailed(null),
    MapIterationStarted("mapIterationStartedEventDetails"),
    MapIterationSucceeded("mapIterationSucceededEventDetails"),
    MapIterationFailed("mapIterationFailedEventDetails"),
    MapIterationAborted("mapIterationAbortedEventDetails"),
    MapRunStarted("mapRunStartedEventDetails"), MapRunSucceeded(null),
    MapRunFailed("mapRunFailedEventDetails"), MapRunAborted(null),

    TaskScheduled("taskScheduledEventDetails"), TaskStarted("taskStartedEventDetails"),
    TaskSubmitted("taskSubmittedEventDetails"), TaskSucceeded("taskSucceededEventDetails"),
    TaskFailed("taskFailedEventDetails"), TaskTimedOut("taskTimedOutEventDetails"),
    TaskStartFailed("taskStartFailedEventDetails"), TaskSubmitFailed("taskSubmitFailedEventDetails"),

    ActivityScheduled("activityScheduledEventDetails"), ActivityStarted("activityStartedEventDetails"),
    ActivitySucceeded("activitySucceededEventDetails"), ActivityFailed("activityFailedEventDetails"),
    ActivityTimedOut("activityTimedOutEventDetails"), ActivityScheduleFailed("activityScheduleFailedEventDetails"),

    LambdaFunctionScheduled("lambdaFunctionScheduledEventDetails"), LambdaFunctionStarted(null),
    LambdaFunctionSucceeded("lambdaFunctionSucceededEventDetails"),
    LambdaFunctionFailed("lambdaFunctionFailedEventDetails"),
    LambdaFunctionTimedOut("lambdaFunctionTimedOutEventDetails"),
    LambdaFunctionScheduleFailed("lambdaFunctionScheduleFailedEventDetails"),
    LambdaFunctionStartFailed("lambdaFunctionStartFailedEventDetails"),

    EvaluationFailed("evaluationFailedEventDetails");

    private final String detailsKey;

    EventType(String detailsKey) {
        this.detailsKey = detailsKey;
    }

    /** The event that records entering a state of this type. */
    public static EventType entered(State state) {
        return switch (state) {
            case State.Pass p -> PassStateEntered;
            case State.Task t -> TaskStateEntered;
            case State.Choice c -> ChoiceStateEntered;
            case State.Wait w -> WaitStateEntered;
            case State.Succeed s -> SucceedStateEntered;
            case State.Fail f -> FailStateEntered;
            case State.Parallel p -> ParallelStateEntered;
            case State.Map m -> MapStateEntered;
        };
    }

    /** The event that records leaving a state of this type normally (Fail states are never left). */
    public static EventType exited(State state) {
        return switch (state) {
            case State.Pass p -> PassStateExited;
            case State.Task t -> TaskStateExited;
            case State.Choice c -> ChoiceStateExited;
            case State.Wait w -> WaitStateExited;
            case State.Succeed s -> SucceedStateExited;
            case State.Fail f -> throw new IllegalArgumentException("a Fail state is never exited");
            case State.Parallel p -> ParallelStateExited;
            case State.Map m -> MapStateExited;
        };
    }

    /** The field the details go under on the wire; empty for types that carry none. */
    /** Whether this event closes the execution (the last event of a history). */
    public boolean endsExecution() {
        return this == ExecutionSucceeded || this == ExecutionFailed || this == ExecutionAborted
                || this == ExecutionTimedOut;
    }

    public java.util.Optional<String> detailsKey() {
        return java.util.Optional.ofNullable(detailsKey);
    }
}
