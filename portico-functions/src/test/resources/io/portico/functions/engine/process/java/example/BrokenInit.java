package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A Java test function whose static initialisation fails. */
public class BrokenInit implements RequestHandler<Object, Object> {
    static final String CONFIG = load();

    private static String load() {
        throw new IllegalStateException("no configuration");
    }

    @Override
    public Object handleRequest(Object event, Context context) {
        return CONFIG;
    }
}
