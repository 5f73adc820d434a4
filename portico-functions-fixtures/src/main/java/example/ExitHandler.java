package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * {@code example.ExitHandler}: tries to end the JVM. {@code input.how} is {@code system}
 * ({@code System.exit}), {@code runtime} ({@code Runtime.exit}), {@code halt} ({@code Runtime.halt})
 * or {@code reference} (a method reference to {@code System::exit}); {@code input.status} the status.
 * {@code input.swallow} catches what the call throws, as careless code does.
 */
public class ExitHandler implements RequestHandler<Map<String, Object>, String> {
    private static int invocations;

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        invocations++;
        if (Boolean.TRUE.equals(input.get("count"))) {
            return "invocations " + invocations;
        }
        int status = ((Number) input.get("status")).intValue();
        try {
            exit(String.valueOf(input.get("how")), status);
        } catch (Throwable t) {
            if (!Boolean.TRUE.equals(input.get("swallow"))) {
                throw t;
            }
        }
        return "still running";
    }

    private static void exit(String how, int status) {
        switch (how) {
            case "system" -> System.exit(status);
            case "runtime" -> Runtime.getRuntime().exit(status);
            case "halt" -> Runtime.getRuntime().halt(status);
            case "reference" -> {
                IntConsumer exit = System::exit;
                exit.accept(status);
            }
            default -> throw new IllegalArgumentException(how);
        }
    }
}
