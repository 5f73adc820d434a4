package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * {@code example.StepFunctionsSdkHandler}: calls Step Functions with the AWS SDK for Java v2 and no
 * configuration in code (region, credentials and endpoint all come from the environment Lambda
 * provides), as real functions do.
 */
public class StepFunctionsSdkHandler implements RequestHandler<Object, Map<String, Object>> {
    private static final SfnClient SFN = SfnClient.create();

    @Override
    public Map<String, Object> handleRequest(Object input, Context context) {
        ListStateMachinesResponse response = SFN.listStateMachines();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("count", response.stateMachines().size());
        result.put("names", response.stateMachines().stream().map(StateMachineListItem::name).toList());
        return result;
    }
}
