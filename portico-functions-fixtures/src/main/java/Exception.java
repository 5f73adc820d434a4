/**
 * A default-package exception named {@code Exception}: Lambda's Java runtime reports an exception's
 * errorType as {@code getClass().getName()}, so only a class with this exact binary name makes a Java
 * function fail with errorType {@code Exception}, as the conformance corpus' Python function does.
 * (Inside the default package this name shadows {@code java.lang.Exception}; nothing else here needs it.)
 */
public class Exception extends RuntimeException {

    public Exception(String message) {
        super(message);
    }
}
