package io.portico.states.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.Definition;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One execution while it runs: its identity, definition, journal and checkpointer, and the stop
 * switch that StopExecution and timeouts pull. Every thread working for the execution (the main one,
 * Parallel branches, Map iterations) registers itself so that a stop interrupts all of them at once.
 *
 * <p>Thread safe.
 */
public final class ExecutionRun {
    private final ExecutionInfo info;
    private final Definition definition;
    private final Journal journal;
    private final Checkpointer checkpointer;
    private final ObjectNode contextExecution;
    private final ObjectNode contextStateMachine;
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final ReentrantLock stopLock = new ReentrantLock(); // makes the first stop win
    private volatile ExecutionResult stopResult;
    /** The execution whose distributed Map started this one (null at the top level): its stop stops this one. */
    private final ExecutionRun parent;
    private volatile Inspector inspector = Inspector.NONE;

    public ExecutionRun(ExecutionInfo info, Definition definition, Journal journal, Checkpointer checkpointer) {
        this(info, definition, journal, checkpointer, null);
    }

    private ExecutionRun(ExecutionInfo info, Definition definition, Journal journal, Checkpointer checkpointer,
                         ExecutionRun parent) {
        this.parent = parent;
        this.info = info;
        this.definition = definition;
        this.journal = journal;
        this.checkpointer = checkpointer;
        this.contextExecution = buildExecutionContext(info);
        this.contextStateMachine = JsonNodeFactory.instance.objectNode()
                .put("Id", info.stateMachineArn())
                .put("Name", info.stateMachineName());
    }

    private static ObjectNode buildExecutionContext(ExecutionInfo info) {
        ObjectNode execution = JsonNodeFactory.instance.objectNode();
        execution.put("Id", info.executionArn());
        execution.set("Input", info.input());
        execution.put("StartTime", Timestamps.format(info.startTime()));
        execution.put("Name", info.name());
        execution.put("RoleArn", info.roleArn());
        execution.put("RedriveCount", info.redriveCount());
        return execution;
    }

    public ExecutionInfo info() {
        return info;
    }

    public Definition definition() {
        return definition;
    }

    public Journal journal() {
        return journal;
    }

    public Checkpointer checkpointer() {
        return checkpointer;
    }

    ObjectNode contextExecution() {
        return contextExecution;
    }

    ObjectNode contextStateMachine() {
        return contextStateMachine;
    }

    /** Where data-processing steps report their intermediate values (TestState); {@link Inspector#NONE} by default. */
    Inspector inspector() {
        return inspector;
    }

    void inspector(Inspector inspector) {
        this.inspector = inspector;
    }

    /** Stops the execution with the given terminal result (Aborted or TimedOut); the first stop wins. */
    public void stop(ExecutionResult result) {
        stopLock.lock();
        try {
            if (stopResult != null) {
                return;
            }
            stopResult = result;
        } finally {
            stopLock.unlock();
        }
        workers.forEach(Thread::interrupt);
    }

    /**
     * A child execution of a distributed Map: its own identity, definition, journal and checkpointer, and
     * stopped whenever this execution is (it reports this execution's stop result as its own).
     */
    ExecutionRun child(ExecutionInfo childInfo, Definition childDefinition, Journal childJournal,
                       Checkpointer childCheckpointer) {
        return new ExecutionRun(childInfo, childDefinition, childJournal, childCheckpointer, this);
    }

    /** The result a stop asked for, if the execution (or the execution that started it) was stopped. */
    public java.util.Optional<ExecutionResult> stopResult() {
        if (stopResult == null && parent != null) {
            return parent.stopResult();
        }
        return java.util.Optional.ofNullable(stopResult);
    }

    /** Throws {@link ExecutionInterrupted} if the execution was stopped. */
    void checkRunning() {
        if (stopResult != null || parent != null && parent.stopResult().isPresent()) {
            throw new ExecutionInterrupted();
        }
    }

    void enlist(Thread thread) {
        workers.add(thread);
        if (stopResult().isPresent()) {
            thread.interrupt();
        }
    }

    void dismiss(Thread thread) {
        workers.remove(thread);
    }
}
