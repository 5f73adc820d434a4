package example.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * {@code decorated}: returns {@code "input-event-" + str(event)} where {@code str} is Python's, as the
 * corpus' Python function does with the f-string {@code f"input-event-{event}"}.
 */
public class PythonFormat implements RequestHandler<Object, String> {

    @Override
    public String handleRequest(Object event, Context context) {
        return "input-event-" + PythonStr.str(event);
    }
}
