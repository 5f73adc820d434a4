package io.portico.states.integrations;

import io.portico.core.service.CallBus;
import io.portico.core.service.Caller;
import io.portico.states.engine.ResourceNames;
import io.portico.states.engine.TaskCall;
import io.portico.states.engine.TaskResource;
import io.portico.states.engine.TaskResources;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Task resources served through the call bus: {@code arn:aws:states:::lambda:invoke} (and
 * {@code .waitForTaskToken}), a Lambda function ARN as the resource, and
 * {@code arn:aws:states:::aws-sdk:<service>:<action>} for any service on the bus, and DynamoDB's optimized
 * {@code arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem}. A resource naming a
 * service the bus does not serve is left unresolved (the Task fails naming it).
 */
public final class BusTasks implements TaskResources {
    private static final Pattern INVOKE = Pattern.compile("arn:[^:]+:states:::lambda:invoke(\\.waitForTaskToken)?");
    private static final Pattern SDK = Pattern.compile("arn:[^:]+:states:::aws-sdk:([a-z0-9]+):([a-zA-Z0-9]+)"
            + "(\\.waitForTaskToken)?");
    /** DynamoDB's optimized integrations: request-response only, the four item actions. */
    private static final Pattern DYNAMODB = Pattern.compile("arn:[^:]+:states:::dynamodb:(getItem|putItem|updateItem"
            + "|deleteItem)");
    private static final SdkDialect AWS_SDK = new SdkDialect.AwsSdk();
    private static final SdkDialect DYNAMODB_V1 = new SdkDialect.OptimizedV1("DynamoDB", "AmazonDynamoDBv2",
            "AmazonDynamoDBException", "application/x-amz-json-1.0");

    private final CallBus bus;
    private final Clock clock;
    private final LambdaInvoke lambda;

    private BusTasks(CallBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
        this.lambda = new LambdaInvoke(bus, clock);
    }

    /** Task resources that reach services through {@code bus}; {@code clock} dates what they report. */
    public static TaskResources over(CallBus bus, Clock clock) {
        return new BusTasks(bus, clock);
    }

    @Override
    public Optional<TaskResource> resolve(String resource) {
        if (INVOKE.matcher(resource).matches()) {
            return Optional.of(lambda::integration);
        }
        if (ResourceNames.isFunction(resource)) {
            return Optional.of(lambda::legacy);
        }
        Matcher sdk = SDK.matcher(resource);
        if (sdk.matches()) {
            return bus.model(sdk.group(1)).map(model -> new SdkCall(bus, model, sdk.group(2), AWS_SDK, clock)::invoke);
        }
        Matcher dynamodb = DYNAMODB.matcher(resource);
        if (dynamodb.matches()) {
            return bus.model("dynamodb")
                    .map(model -> new SdkCall(bus, model, dynamodb.group(1), DYNAMODB_V1, clock)::invoke);
        }
        return Optional.empty();
    }

    /**
     * Who a Task calls as: the account and region its execution acts in (the caller's own, for TestState),
     * never an account read from the execution ARN the context object shows.
     */
    static Caller caller(TaskCall call) {
        return Caller.of(call.execution().account(), call.execution().region());
    }
}
