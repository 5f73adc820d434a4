package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** {@code example.SleepHandler}: sleeps {@code input.ms} milliseconds, for timeouts and interrupts. */
public class SleepHandler implements RequestHandler<Map<String, Number>, String> {

    @Override
    public String handleRequest(Map<String, Number> input, Context context) {
        long millis = input.get("ms").longValue();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sleeping", e);
        }
        return "slept " + millis + " ms";
    }
}
