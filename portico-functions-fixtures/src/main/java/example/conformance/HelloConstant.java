package example.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** {@code hello}: returns {@code {"Return":"HelloWorld"}} whatever the event. */
public class HelloConstant implements RequestHandler<Object, Map<String, String>> {

    @Override
    public Map<String, String> handleRequest(Object input, Context context) {
        return Map.of("Return", "HelloWorld");
    }
}
