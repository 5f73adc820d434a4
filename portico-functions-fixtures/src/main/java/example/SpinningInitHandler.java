package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** {@code example.SpinningInitHandler}: its static initialiser never finishes, and ignores interrupts. */
public class SpinningInitHandler implements RequestHandler<Object, String> {
    private static volatile boolean forever = true;
    private static long turns;

    static {
        while (forever) {
            turns++;
        }
    }

    @Override
    public String handleRequest(Object input, Context context) {
        return "never reached after " + turns + " turns";
    }
}
