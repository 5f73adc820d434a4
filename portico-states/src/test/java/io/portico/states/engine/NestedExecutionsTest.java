package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The error names a {@code states:startExecution} Task fails with when its child cannot start (the
 * server's CallbackAndNestedTest runs one end to end).
 */
class NestedExecutionsTest {

    @Test
    void errorName_isStepFunctionsAndTheSdkExceptionName() {
        assertThat(NestedExecutions.errorName(StepFunctionsException.Kind.MACHINE_NOT_FOUND))
                .isEqualTo("StepFunctions.StateMachineDoesNotExistException");
        assertThat(NestedExecutions.errorName(StepFunctionsException.Kind.EXECUTION_ALREADY_EXISTS))
                .isEqualTo("StepFunctions.ExecutionAlreadyExistsException");
    }

    /** Was StepFunctions.ValidationExceptionException while the name was built from the wire code. */
    @Test
    void errorName_inputOverTheQuota_isValidationExceptionOnce() {
        assertThat(NestedExecutions.errorName(StepFunctionsException.Kind.INVALID_MEMBER))
                .isEqualTo("StepFunctions.ValidationException");
    }
}
