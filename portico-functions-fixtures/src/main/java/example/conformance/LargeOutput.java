package example.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** {@code large_output}: returns a string of 263168 {@code a}s (just over Step Functions' 256 KiB limit). */
public class LargeOutput implements RequestHandler<Object, String> {
    static final int LENGTH = 263168;

    @Override
    public String handleRequest(Object input, Context context) {
        return "a".repeat(LENGTH);
    }
}
