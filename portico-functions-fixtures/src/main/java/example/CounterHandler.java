package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code example.CounterHandler}: counts invocations in a static field and static initialisations in
 * another, to show that statics live per execution environment.
 */
public class CounterHandler implements RequestHandler<Object, String> {
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();
    private static final long INITIALISED_AT = System.nanoTime();

    @Override
    public String handleRequest(Object input, Context context) {
        return INVOCATIONS.incrementAndGet() + "@" + INITIALISED_AT;
    }
}
