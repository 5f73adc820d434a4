package io.portico.functions.engine.java;

import io.portico.functions.engine.FunctionCredentials;
import io.portico.functions.engine.FunctionVariables;
import io.portico.functions.engine.VersionSpec;
import java.util.Map;

/** The in-process Java runtime's variables: {@link FunctionVariables} plus {@code AWS_EXECUTION_ENV}. */
final class LambdaVariables {
    static final String ACCESS_KEY_ID = FunctionCredentials.PLACEHOLDER.accessKeyId();
    static final String SECRET_ACCESS_KEY = FunctionCredentials.PLACEHOLDER.secretAccessKey();
    static final String SESSION_TOKEN = FunctionCredentials.PLACEHOLDER.sessionToken();

    private LambdaVariables() {
    }

    /** The full, unmodifiable variable map of one execution environment. */
    static Map<String, String> of(VersionSpec spec, String logStreamName, Map<String, String> hostEnvironment) {
        return FunctionVariables.of(spec, logStreamName, hostEnvironment,
                Map.of("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime()));
    }
}
