package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code example.DynamodbStreamHandler}: a DynamoDB Streams consumer that summarises each record as
 * {@code "<eventName> <key S> <NewImage.count N>"}.
 */
public class DynamodbStreamHandler implements RequestHandler<DynamodbEvent, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(DynamodbEvent event, Context context) {
        List<String> lines = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            AttributeValue key = record.getDynamodb().getKeys().get("pk");
            Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
            String count = image == null || image.get("count") == null ? "-" : image.get("count").getN();
            lines.add(record.getEventName() + " " + key.getS() + " " + count);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("records", lines);
        return result;
    }
}
