package io.portico.functions.engine;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Everything an execution environment is built from: one version of one function ({@code $LATEST}
 * or a published number), its code already unpacked into {@code codeDirectory} (read only: a jar's
 * or zip's entries, with {@code lib/*.jar} for zips laid out as Lambda accepts them).
 *
 * <p>{@code environment} is the function's own variables; a runtime adds the ones Lambda sets
 * ({@code AWS_REGION}, {@code AWS_LAMBDA_FUNCTION_NAME}, ...) and {@code endpoint}, the AWS
 * endpoint of this Portico, so that an AWS SDK inside the function reaches Portico unchanged, with
 * {@code credentials} it accepts.
 */
public record VersionSpec(
        String accountId,
        String region,
        String functionName,
        String functionArn,
        String version,
        String runtime,
        String handler,
        int memorySizeMb,
        int timeoutSeconds,
        Map<String, String> environment,
        Path codeDirectory,
        String endpoint,
        FunctionCredentials credentials,
        LoggingConfig logging) {

    public VersionSpec {
        environment = Map.copyOf(environment);
    }

    /** A spec whose environments get {@link FunctionCredentials#PLACEHOLDER} credentials. */
    public VersionSpec(String accountId, String region, String functionName, String functionArn, String version,
            String runtime, String handler, int memorySizeMb, int timeoutSeconds, Map<String, String> environment,
            Path codeDirectory, String endpoint) {
        this(accountId, region, functionName, functionArn, version, runtime, handler, memorySizeMb, timeoutSeconds,
                environment, codeDirectory, endpoint, FunctionCredentials.PLACEHOLDER, LoggingConfig.DEFAULT);
    }

    /** The ARN with its version, as {@code Context.getInvokedFunctionArn()} reports for a plain invoke. */
    public String qualifiedArn() {
        return functionArn + ":" + version;
    }

    /** Lambda's words for a function that outran its timeout: {@code Task timed out after 3.00 seconds}. */
    public String timeoutReason() {
        return "Task timed out after " + String.format(Locale.ROOT, "%.2f", (double) timeoutSeconds) + " seconds";
    }

    /** The log group Lambda writes to: {@code /aws/lambda/<name>} unless the LoggingConfig names another. */
    public String logGroupName() {
        return logging.logGroupName(functionName);
    }
}
