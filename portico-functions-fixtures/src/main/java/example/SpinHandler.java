package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code example.SpinHandler}: never returns and never blocks, ignoring its timeout and interrupts, as a
 * handler with a runaway loop does. {@code {"how":"loop"}} spins in a loop of its own;
 * {@code {"how":"stream"}} spins inside the JDK (an endless stream) that calls back into this class.
 */
public class SpinHandler implements RequestHandler<Map<String, String>, String> {
    private static volatile long sink;

    @Override
    public String handleRequest(Map<String, String> input, Context context) {
        if ("stream".equals(input.get("how"))) {
            IntStream.iterate(0, i -> i + 1).forEach(i -> sink = i);
        }
        long turns = 0;
        while (true) {
            try {
                sink = ++turns;
            } catch (Throwable ignored) {
                // a careless handler swallows whatever it is thrown, errors included
            }
        }
    }
}
