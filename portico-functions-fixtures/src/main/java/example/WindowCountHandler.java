package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code example.WindowCountHandler}: a tumbling-window aggregation as Lambda's documentation shows it, with
 * {@code DynamodbTimeWindowEvent} and {@code TimeWindowEventResponse}: counts the window's records in its
 * {@code state}, and at the window's final invocation appends {@code "<window start> <window end> <count>
 * <shardId>"} to the file its {@code RECORD_TO} environment variable names.
 */
public class WindowCountHandler implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        Map<String, String> state = new HashMap<>(event.getState() == null ? Map.of() : event.getState());
        int count = Integer.parseInt(state.getOrDefault("count", "0")) + event.getRecords().size();
        state.put("count", Integer.toString(count));
        if (Boolean.TRUE.equals(event.getIsFinalInvokeForWindow())) {
            String line = event.getWindow().getStart() + " " + event.getWindow().getEnd() + " " + count + " "
                    + event.getShardId() + "\n";
            try {
                Files.writeString(Path.of(System.getenv("RECORD_TO")), line, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return TimeWindowEventResponse.builder().withState(state).withBatchItemFailures(new ArrayList<>()).build();
    }
}
