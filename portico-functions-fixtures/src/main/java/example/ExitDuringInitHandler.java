package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** {@code example.ExitDuringInitHandler}: its static initialiser calls {@code System.exit(2)}. */
public class ExitDuringInitHandler implements RequestHandler<Object, String> {

    static {
        System.out.println("giving up");
        System.exit(2);
    }

    @Override
    public String handleRequest(Object input, Context context) {
        return "never";
    }
}
