package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code example.MemoryHogHandler}: keeps {@code input.mb} megabytes reachable, allocated 64 KB at a
 * time in a loop, as a function that outgrows its memory size does; with {@code "hold": true} it then
 * keeps them while it works on until a second of its time is left. Answers how much it kept.
 */
public class MemoryHogHandler implements RequestHandler<Map<String, Object>, String> {
    private static final int CHUNK = 64 * 1024;

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        long wanted = ((Number) input.get("mb")).longValue() * 1024 * 1024;
        List<byte[]> kept = new ArrayList<>();
        for (long held = 0; held < wanted; held += CHUNK) {
            kept.add(new byte[CHUNK]);
        }
        while (Boolean.TRUE.equals(input.get("hold")) && context.getRemainingTimeInMillis() > 1000) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while holding " + kept.size() + " chunks", e);
            }
        }
        return "kept " + kept.size() * (long) CHUNK / (1024 * 1024) + " MB";
    }
}
