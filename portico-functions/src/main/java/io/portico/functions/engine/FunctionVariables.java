package io.portico.functions.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables a function sees, in or out of process, layered as Lambda layers them:
 *
 * <ol>
 *   <li>the host's variables (PATH, JAVA_HOME, HOME, ...), except every {@code AWS_*},
 *       {@code LAMBDA_*} and {@code _X_AMZN_*} one: the host's AWS settings (profile, endpoints, real
 *       credentials) must not leak into a function and point its SDK at real AWS;
 *   <li>the defaults Lambda sets and lets a function override: {@code TZ=:UTC}, {@code LANG}, and
 *       {@code AWS_ENDPOINT_URL}, Portico's own endpoint, so that an AWS SDK in the function reaches
 *       Portico with no code change;
 *   <li>the function's own variables;
 *   <li>the variables Lambda reserves, which nothing overrides: region, function name, version,
 *       memory, log group and stream, {@code _HANDLER}, {@code LAMBDA_TASK_ROOT}, the credentials,
 *       and the runtime's own ({@code runtimeReserved}: {@code AWS_EXECUTION_ENV} for Java,
 *       {@code AWS_LAMBDA_RUNTIME_API} for worker processes).
 * </ol>
 *
 * <p>The credentials are the spec's ({@link FunctionCredentials}): a session Portico issued for the
 * function's account when wired in a server. Nothing in Portico logs them.
 */
public final class FunctionVariables {

    private FunctionVariables() {
    }

    /** The full, unmodifiable variable map of one execution environment. */
    public static Map<String, String> of(VersionSpec spec, String logStreamName, Map<String, String> host,
            Map<String, String> runtimeReserved) {
        Map<String, String> variables = new LinkedHashMap<>();
        host.forEach((name, value) -> {
            if (!isLambdaOwned(name)) {
                variables.put(name, value);
            }
        });
        variables.put("TZ", ":UTC");
        variables.put("LANG", "en_US.UTF-8");
        if (!spec.endpoint().isBlank()) {
            variables.put("AWS_ENDPOINT_URL", spec.endpoint());
        }
        variables.putAll(spec.environment());
        variables.put("_HANDLER", spec.handler());
        variables.put("AWS_REGION", spec.region());
        variables.put("AWS_DEFAULT_REGION", spec.region());
        variables.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", spec.version());
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memorySizeMb()));
        variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", spec.logGroupName());
        variables.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
        if (spec.logging().json()) { // as Lambda sets them: the runtimes read them to write JSON records and filter
            variables.put("AWS_LAMBDA_LOG_FORMAT", LoggingConfig.JSON);
            spec.logging().applicationLogLevel().ifPresent(level -> variables.put("AWS_LAMBDA_LOG_LEVEL", level));
        }
        variables.put("AWS_ACCESS_KEY_ID", spec.credentials().accessKeyId());
        variables.put("AWS_SECRET_ACCESS_KEY", spec.credentials().secretAccessKey());
        variables.put("AWS_SESSION_TOKEN", spec.credentials().sessionToken());
        variables.put("LAMBDA_TASK_ROOT", spec.codeDirectory().toAbsolutePath().toString());
        variables.putAll(runtimeReserved);
        return Collections.unmodifiableMap(variables);
    }

    private static boolean isLambdaOwned(String name) {
        return name.startsWith("AWS_") || name.startsWith("LAMBDA_") || name.startsWith("_X_AMZN_")
                || name.equals("_HANDLER");
    }
}
