package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.Map;

/**
 * {@code example.ThrowingHandler}: fails with an {@link IllegalStateException} whose cause is an
 * {@link UncheckedIOException}, to show the error document Lambda builds (message, type, stack
 * trace, cause).
 */
public class ThrowingHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        try {
            readDisk();
            return "unreachable";
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("handler failed: " + input.get("reason"), e);
        }
    }

    private static void readDisk() {
        throw new UncheckedIOException(new IOException("disk unreadable"));
    }
}
