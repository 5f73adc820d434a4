package example.saga;

/** Lambda reports its class name as the errorType, which the state machine's Catch names. */
public class FlightUnavailableException extends RuntimeException {

    public FlightUnavailableException(String message) {
        super(message);
    }
}
