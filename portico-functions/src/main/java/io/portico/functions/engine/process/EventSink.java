package io.portico.functions.engine.process;

/**
 * A worker's {@code /next} call waiting for its answer: the next event, or a refusal. Exactly one of
 * the two is called, once, possibly from another thread than the one that parked the call.
 */
interface EventSink {

    void deliver(RuntimeEvent event);

    void reject(ApiReply.Rejected reply);
}
