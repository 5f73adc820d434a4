package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code example.EnvironmentHandler}: for each variable name in the input list, what
 * {@code System.getenv(name)} and {@code System.getenv().get(name)} return (the two must agree).
 */
public class EnvironmentHandler implements RequestHandler<List<String>, Map<String, String>> {

    @Override
    public Map<String, String> handleRequest(List<String> names, Context context) {
        Map<String, String> all = System.getenv();
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            String single = System.getenv(name);
            String fromMap = all.get(name);
            values.put(name, single == null ? (fromMap == null ? "<unset>" : "<map only>") : single.equals(fromMap) ? single : "<differs>");
        }
        return values;
    }
}
