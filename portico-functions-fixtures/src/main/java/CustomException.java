/** The default-package {@code CustomException}: errorType {@code CustomException}, see {@link Exception}. */
public class CustomException extends RuntimeException {

    public CustomException(String message) {
        super(message);
    }
}
