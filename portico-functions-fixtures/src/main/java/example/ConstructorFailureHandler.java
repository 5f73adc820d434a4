package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** {@code example.ConstructorFailureHandler}: its constructor throws, which Lambda reports at init. */
public class ConstructorFailureHandler implements RequestHandler<Object, String> {

    public ConstructorFailureHandler() {
        throw new IllegalArgumentException("no connection");
    }

    @Override
    public String handleRequest(Object input, Context context) {
        return "never";
    }
}
