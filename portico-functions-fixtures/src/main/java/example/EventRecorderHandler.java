package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code example.EventRecorderHandler}: appends each event, exactly the bytes Lambda passed, as one line to
 * the file its {@code RECORD_TO} environment variable names, so a test can check what a trigger delivered.
 * It answers {@code RESPOND_WITH} (JSON, e.g. {@code {"batchItemFailures": []}}) when that is set, else {@code {}};
 * with {@code FAIL_WITH} set it throws, with that message, after recording the event. {@code PAUSE_MS} makes
 * it take that long per event after recording it: slow user code, for a test that needs delivery to trail
 * its writes whatever the machine's speed.
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
        pause(System.getenv("PAUSE_MS"));
        String failure = System.getenv("FAIL_WITH");
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        String reply = System.getenv().getOrDefault("RESPOND_WITH", "{}");
        output.write(reply.getBytes(StandardCharsets.UTF_8));
    }

    private static void pause(String millis) throws IOException {
        if (millis == null) {
            return;
        }
        try {
            Thread.sleep(Long.parseLong(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pausing", e);
        }
    }
}
