package io.portico.states.engine;

import io.portico.core.validation.Refusal;
import io.portico.core.validation.ValidationReport;
import io.portico.core.validation.Violation;

/**
 * A Step Functions request the engine refuses: a {@link Kind} saying what is wrong, in the domain's
 * terms, and the message AWS gives for it. The api layer maps each kind to its wire error
 * ({@code StatesApi}); the engine names no wire code. Distinct from
 * {@link io.portico.states.asl.StatesError}, which is an error inside an execution.
 *
 * <p>A request member that breaks a constraint the engine checks itself is {@link Kind#INVALID_MEMBER}
 * with the {@link ValidationReport}, whose message is worded as AWS's validation errors.
 * Immutable (see {@link Refusal}).
 */
public final class StepFunctionsException extends Refusal {

    /** What is wrong with the request. */
    public enum Kind {
        /** A member breaks a constraint: the exception carries the {@link ValidationReport}. */
        INVALID_MEMBER,
        /** The members break a rule of the operation (a combination, a routing, a TestState mock). */
        INVALID_REQUEST,
        /** An ARN that does not name a resource of the kind the member takes. */
        MALFORMED_ARN,
        /** An execution, state machine, activity or alias name Step Functions does not accept. */
        INVALID_NAME,
        /** A definition the ASL parser rejects; the message is its diagnostics. */
        INVALID_DEFINITION,
        /** Execution input that is not JSON. */
        INVALID_INPUT,
        /** A task's output (SendTaskSuccess) that is not JSON. */
        INVALID_OUTPUT,
        /** An update that names nothing to change. */
        NOTHING_TO_UPDATE,
        MACHINE_NOT_FOUND,
        EXECUTION_NOT_FOUND,
        ACTIVITY_NOT_FOUND,
        /** An alias, a version named in a routing, a Map Run, or a resource to tag that does not exist. */
        RESOURCE_NOT_FOUND,
        /** A state machine of that name with another definition or configuration. */
        MACHINE_ALREADY_EXISTS,
        /** An execution of that name that has ended or had other input. */
        EXECUTION_ALREADY_EXISTS,
        /** The execution or Map Run has ended, so it cannot be stopped or updated. */
        NOT_RUNNING,
        /** The execution cannot be redriven (it did not fail, or the window has passed). */
        NOT_REDRIVABLE,
        /** The operation does not apply to this type of state machine (StartSyncExecution of a STANDARD one). */
        WRONG_MACHINE_TYPE,
        /** The request conflicts with the resource's current state (a revision, a referencing alias). */
        CONFLICT,
        /** Tagging would leave the resource with more tags than Step Functions allows. */
        TOO_MANY_TAGS,
        /** A task token that is malformed or not the caller's. */
        UNKNOWN_TASK_TOKEN,
        /** A task token whose task has already closed (completed, timed out, or its execution ended). */
        TASK_CLOSED,
        /** A page token that does not continue this listing. */
        INVALID_PAGE_TOKEN
    }

    private StepFunctionsException(Kind kind, String message) {
        super(kind, message);
    }

    private StepFunctionsException(Kind kind, ValidationReport report) {
        super(kind, report);
    }

    /** A refusal of {@code kind} with AWS's message; {@link Kind#INVALID_MEMBER} takes {@link #invalid} instead. */
    public static StepFunctionsException of(Kind kind, String message) {
        if (kind == Kind.INVALID_MEMBER) {
            throw new IllegalArgumentException("INVALID_MEMBER carries a ValidationReport: use invalid(...)");
        }
        return new StepFunctionsException(kind, message);
    }

    /** Members breaking constraints, reported in AWS's words and order. */
    public static StepFunctionsException invalid(Violation... violations) {
        return new StepFunctionsException(Kind.INVALID_MEMBER, ValidationReport.of(violations));
    }

    public static StepFunctionsException invalidRequest(String message) {
        return of(Kind.INVALID_REQUEST, message);
    }

    /**
     * AWS names what is wrong with text that does not even start as an ARN ({@code Invalid Arn: 'Invalid ARN
     * prefix: not_a_valid_arn'} for DescribeStateMachine, DescribeActivity, ListExecutions and others in
     * {@code ../shared/conformance/stepfunctions-api}); of a malformed ARN it prints the ARN.
     */
    public static StepFunctionsException malformedArn(String arn) {
        String problem = arn.startsWith("arn:") ? arn : "Invalid ARN prefix: " + arn;
        return of(Kind.MALFORMED_ARN, "Invalid Arn: '" + problem + "'");
    }

    public static StepFunctionsException machineNotFound(String arn) {
        return of(Kind.MACHINE_NOT_FOUND, "State Machine Does Not Exist: '" + arn + "'");
    }

    public static StepFunctionsException executionNotFound(String arn) {
        return of(Kind.EXECUTION_NOT_FOUND, "Execution Does Not Exist: '" + arn + "'");
    }

    public static StepFunctionsException activityNotFound(String arn) {
        return of(Kind.ACTIVITY_NOT_FOUND, "Activity Does Not Exist: '" + arn + "'");
    }

    public static StepFunctionsException conflict(String message) {
        return of(Kind.CONFLICT, message);
    }

    /** Execution input that is not JSON; {@code detail} is the parser's first line. */
    public static StepFunctionsException invalidInput(String detail) {
        return of(Kind.INVALID_INPUT, "Invalid State Machine Execution Input: '" + detail + "'");
    }

    /** An alias, version or taggable resource that does not exist, in AWS's words. */
    public static StepFunctionsException resourceNotFound(String arn) {
        return of(Kind.RESOURCE_NOT_FOUND, "Resource not found: '" + arn + "'");
    }

    @Override
    public Kind kind() {
        return (Kind) super.kind();
    }
}
