package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Java test function for the runtime interface client: returns the event with what its context and
 * environment say; {"fail": "..."} throws, {"exit": n} calls System.exit(n). Logs through stdout,
 * stderr and the LambdaLogger.
 */
public class Echo implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static {
        System.out.println("Echo static init");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        context.getLogger().log("logger line " + context.getAwsRequestId());
        System.out.println("stdout line " + context.getAwsRequestId());
        System.err.println("stderr line " + context.getAwsRequestId());
        if (event.containsKey("fail")) {
            throw new IllegalStateException(String.valueOf(event.get("fail")));
        }
        if (event.containsKey("exit")) {
            System.exit(((Number) event.get("exit")).intValue());
        }
        Map<String, Object> result = new LinkedHashMap<>(event);
        result.put("requestId", context.getAwsRequestId());
        result.put("functionName", context.getFunctionName());
        result.put("invokedFunctionArn", context.getInvokedFunctionArn());
        result.put("memoryLimit", context.getMemoryLimitInMB());
        result.put("remainingPositive", context.getRemainingTimeInMillis() > 0);
        result.put("endpoint", System.getenv("AWS_ENDPOINT_URL"));
        result.put("executionEnv", System.getenv("AWS_EXECUTION_ENV"));
        result.put("pid", ProcessHandle.current().pid());
        return result;
    }
}
