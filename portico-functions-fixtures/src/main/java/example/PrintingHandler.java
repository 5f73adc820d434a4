package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;

/**
 * {@code example.PrintingHandler}: writes through every channel a Java handler has: stdout and
 * stderr (in its static initialiser too), the Context's LambdaLogger and LambdaRuntime's logger.
 */
public class PrintingHandler implements RequestHandler<String, String> {

    static {
        System.out.println("init: stdout");
    }

    @Override
    public String handleRequest(String input, Context context) {
        System.out.println("stdout: " + input);
        System.err.println("stderr: " + input);
        System.out.print("no newline; ");
        context.getLogger().log("logger: " + input + "\n");
        context.getLogger().log(("bytes: " + input + "\n").getBytes(StandardCharsets.UTF_8));
        context.getLogger().log("leveled: " + input + "\n", LogLevel.WARN);
        LambdaRuntime.getLogger().log("runtime logger: " + input + "\n");
        return "printed " + input;
    }
}
