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
        output.write("{}".getBytes());
    }
}
