package example;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code example.PojoHandlers::method} handlers: plain methods that Lambda picks by name, with the
 * signatures its Java runtime accepts.
 */
public class PojoHandlers {

    /** {@code ::greet}: an input type and the Context. */
    public String greet(Map<String, String> event, Context context) {
        return "Hello, " + event.get("name") + " from " + context.getFunctionName();
    }

    /** {@code ::square}: a static method over a primitive. */
    public static int square(int value) {
        return value * value;
    }

    /**
     * {@code ::overloaded}: Lambda prefers the longest signature, counting a trailing Context as one
     * more parameter, so the (Object, Context) overload wins over (Object) and (InputStream, OutputStream).
     */
    public String overloaded(Object input) {
        return "one argument";
    }

    public String overloaded(Object input, Context context) {
        return "input and context";
    }

    public void overloaded(InputStream input, OutputStream output) throws IOException {
        output.write("\"streams\"".getBytes(StandardCharsets.UTF_8));
    }

    /** {@code ::streams}: stream parameters with a Context. */
    public void streams(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(("[" + new String(input.readAllBytes(), StandardCharsets.UTF_8) + "]").getBytes(StandardCharsets.UTF_8));
    }

    /** {@code ::noInput}: no parameters at all. */
    public String noInput() {
        return "nothing in";
    }

    /** {@code ::noOutput}: a void method, which Lambda answers with {@code null}. */
    public void noOutput(Map<String, Object> event) {
    }

    /** A method with a signature Lambda does not accept, for {@code ::unsupported}. */
    public String unsupported(Context context, Object input) {
        return "never";
    }
}
