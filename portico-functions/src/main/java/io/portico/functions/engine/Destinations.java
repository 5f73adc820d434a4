package io.portico.functions.engine;

/**
 * Delivers asynchronous-invocation records (and dead letters) to destinations of other services
 * (queues, topics, buses), supplied by the server wiring as those services arrive. Lambda function
 * destinations are delivered by this module itself.
 */
public interface Destinations {

    /** Whether {@code arn} is a destination this build can deliver to. */
    boolean supports(String arn);

    /** Delivers {@code record} (JSON) to {@code arn}; throws if it cannot. */
    void deliver(String arn, byte[] record);

    Destinations NONE = new Destinations() {
        @Override
        public boolean supports(String arn) {
            return false;
        }

        @Override
        public void deliver(String arn, byte[] record) {
            throw new UnsupportedOperationException("No destination service for " + arn);
        }
    };
}
