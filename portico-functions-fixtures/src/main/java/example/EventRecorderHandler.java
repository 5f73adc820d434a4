package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code example.EventRecorderHandler}: appends each event, exactly the bytes Lambda passed, as one line to
 * the file its {@code RECORD_TO} environment variable names, so a test can check what a trigger delivered.
 * It answers {@code RESPOND_WITH} (JSON, e.g. {@code {"batchItemFailures": []}}) when that is set, else {@code {}};
 * with {@code FAIL_WITH} set it throws, with that message, after recording the event.
 */
public class EventRecorderHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        Path file = Path.of(System.getenv("RECORD_TO"));
        byte[] line = new byte[event.length + 1];
        System.arraycopy(event, 0, line, 0, event.length);
        line[event.length] = '\n';
        Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        String failure = System.getenv("FAIL_WITH");
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        String reply = System.getenv().getOrDefault("RESPOND_WITH", "{}");
        output.write(reply.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
