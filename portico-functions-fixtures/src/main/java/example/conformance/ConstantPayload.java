package example.conformance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** {@code bytes_str}: writes the raw response payload {@code "HelloWorld!"} (a JSON string). */
public class ConstantPayload implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write("\"HelloWorld!\"".getBytes(StandardCharsets.UTF_8));
    }
}
