package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** {@code example.StaticInitFailureHandler}: its static initialiser throws, so init fails. */
public class StaticInitFailureHandler implements RequestHandler<Object, String> {
    private static final String CONFIG = loadConfig();

    private static String loadConfig() {
        throw new IllegalStateException("configuration missing");
    }

    @Override
    public String handleRequest(Object input, Context context) {
        return CONFIG;
    }
}
