package io.portico.functions.engine.java;

import io.portico.functions.engine.VersionSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables a function sees, layered as Lambda layers them:
 *
 * <ol>
 *   <li>the host process' variables (PATH, JAVA_HOME, HOME, ...), except every {@code AWS_*},
 *       {@code LAMBDA_*} and {@code _X_AMZN_*} one: the host's AWS settings (profile, endpoints, real
 *       credentials) must not leak into a function and point its SDK at real AWS;
 *   <li>the defaults Lambda sets and lets a function override: {@code TZ=:UTC}, {@code LANG}, and
 *       {@code AWS_ENDPOINT_URL}, Portico's own endpoint, so that an AWS SDK in the function reaches
 *       Portico with no code change;
 *   <li>the function's own variables;
 *   <li>the variables Lambda reserves, which nothing overrides: region, function name, version,
 *       memory, log group and stream, {@code AWS_EXECUTION_ENV}, {@code _HANDLER},
 *       {@code LAMBDA_TASK_ROOT} and (dummy) credentials.
 * </ol>
 *
 * <p>The credentials are fixed dummies: a Portico that verifies signatures must accept them, or be
 * given real ones by its wiring (not done yet). Nothing in Portico logs them.
 */
final class LambdaVariables {
    static final String ACCESS_KEY_ID = "ASIAPORTICOFUNCTION0";
    static final String SECRET_ACCESS_KEY = "portico/function/dummy/secret/access/key00";
    static final String SESSION_TOKEN = "portico-function-dummy-session-token";

    private LambdaVariables() {
    }

    /** The full, unmodifiable variable map of one execution environment. */
    static Map<String, String> of(VersionSpec spec, String logStreamName, Map<String, String> hostEnvironment) {
        Map<String, String> variables = new LinkedHashMap<>();
        hostEnvironment.forEach((name, value) -> {
            if (!isAwsOwned(name)) {
                variables.put(name, value);
            }
        });
        variables.put("TZ", ":UTC");
        variables.put("LANG", "en_US.UTF-8");
        if (!spec.endpoint().isBlank()) {
            variables.put("AWS_ENDPOINT_URL", spec.endpoint());
        }
        variables.putAll(spec.environment());
        variables.putAll(reserved(spec, logStreamName));
        return Collections.unmodifiableMap(variables);
    }

    private static Map<String, String> reserved(VersionSpec spec, String logStreamName) {
        Map<String, String> reserved = new LinkedHashMap<>();
        reserved.put("_HANDLER", spec.handler());
        reserved.put("AWS_REGION", spec.region());
        reserved.put("AWS_DEFAULT_REGION", spec.region());
        reserved.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime());
        reserved.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        reserved.put("AWS_LAMBDA_FUNCTION_VERSION", spec.version());
        reserved.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memorySizeMb()));
        reserved.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        reserved.put("AWS_LAMBDA_LOG_GROUP_NAME", spec.logGroupName());
        reserved.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
        reserved.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        reserved.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        reserved.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
        reserved.put("LAMBDA_TASK_ROOT", spec.codeDirectory().toAbsolutePath().toString());
        return reserved;
    }

    private static boolean isAwsOwned(String name) {
        return name.startsWith("AWS_") || name.startsWith("LAMBDA_") || name.startsWith("_X_AMZN_") || name.equals("_HANDLER");
    }
}
