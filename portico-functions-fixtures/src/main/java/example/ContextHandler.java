package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code example.ContextHandler}: returns what the {@link Context} says about this invocation. */
public class ContextHandler implements RequestHandler<Object, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Object input, Context context) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("awsRequestId", context.getAwsRequestId());
        values.put("functionName", context.getFunctionName());
        values.put("functionVersion", context.getFunctionVersion());
        values.put("invokedFunctionArn", context.getInvokedFunctionArn());
        values.put("memoryLimitInMB", context.getMemoryLimitInMB());
        values.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
        values.put("logGroupName", context.getLogGroupName());
        values.put("logStreamName", context.getLogStreamName());
        values.put("identityId", context.getIdentity() == null ? null : context.getIdentity().getIdentityId());
        values.put("identityPoolId", context.getIdentity() == null ? null : context.getIdentity().getIdentityPoolId());
        if (context.getClientContext() != null) {
            values.put("clientAppTitle", context.getClientContext().getClient().getAppTitle());
            values.put("clientCustom", context.getClientContext().getCustom());
            values.put("clientEnvironment", context.getClientContext().getEnvironment());
        }
        values.put("contextClassLoaderIsOwn",
                Thread.currentThread().getContextClassLoader() == ContextHandler.class.getClassLoader());
        return values;
    }
}
