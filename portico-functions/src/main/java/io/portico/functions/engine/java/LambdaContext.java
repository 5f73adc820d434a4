package io.portico.functions.engine.java;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.portico.functions.engine.InvocationRequest;
import io.portico.functions.engine.VersionSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@link Context} a handler receives: the invocation's request id, ARN and deadline, the
 * function's name, version, memory and log names. Identity and client context are {@code null} when
 * the invocation carries none, as on Lambda. Immutable; thread safe.
 */
final class LambdaContext implements Context {
    private final VersionSpec spec;
    private final String logStreamName;
    private final InvocationRequest request;
    private final Optional<ClientContext> clientContext;
    private final Optional<CognitoIdentity> identity;
    private final LambdaLogger logger;
    private final Clock clock;

    LambdaContext(VersionSpec spec, String logStreamName, InvocationRequest request, Clock clock) {
        this.spec = spec;
        this.logStreamName = logStreamName;
        this.request = request;
        this.clientContext = ClientData.clientContext(request.clientContextJson());
        this.identity = ClientData.cognitoIdentity(request.cognitoIdentityJson());
        this.logger = new InvocationLogger(request.log());
        this.clock = clock;
    }

    /** Whether Lambda would serialise this invocation's payload with Gson (an Android client). */
    boolean isAndroidClient() {
        return ClientData.isAndroid(clientContext);
    }

    @Override
    public String getAwsRequestId() {
        return request.requestId();
    }

    @Override
    public String getLogGroupName() {
        return spec.logGroupName();
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return spec.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return spec.version();
    }

    @Override
    public String getInvokedFunctionArn() {
        return request.invokedFunctionArn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return identity.orElse(null);
    }

    @Override
    public ClientContext getClientContext() {
        return clientContext.orElse(null);
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = request.deadline().toEpochMilli() - Instant.now(clock).toEpochMilli();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return spec.memorySizeMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
