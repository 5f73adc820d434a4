package io.portico.functions.engine.process;

import io.portico.functions.engine.FunctionCredentials;
import io.portico.functions.engine.FunctionVariables;
import io.portico.functions.engine.VersionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment variables of a worker process, layered as Lambda layers them:
 *
 * <ol>
 *   <li>the host's variables (PATH, HOME, ...) minus every {@code AWS_*}, {@code LAMBDA_*} and
 *       {@code _X_AMZN_*} one, so that the host's AWS profile, endpoints and credentials never reach a
 *       function and point its SDK at real AWS;
 *   <li>the defaults Lambda sets and a function may override: {@code TZ=:UTC}, {@code LANG}, and
 *       {@code AWS_ENDPOINT_URL}, Portico's endpoint, so that AWS SDKs in the function call Portico;
 *   <li>the function's own variables;
 *   <li>those Lambda reserves: {@code AWS_LAMBDA_RUNTIME_API}, {@code _HANDLER},
 *       {@code LAMBDA_TASK_ROOT}, region, function name, version, memory, log group and stream,
 *       credentials, and the runtime family's own ({@code AWS_EXECUTION_ENV} for Java; Lambda
 *       sets none for the {@code provided} runtimes).
 * </ol>
 *
 * <p>One departure: when the host has an HTTP proxy configured, {@code 127.0.0.1} and
 * {@code localhost} are added to {@code no_proxy}, or runtimes that honour proxies (curl, Python)
 * would send their Runtime API and Portico calls to the proxy. The credentials come from the spec, as
 * for the in-process Java runtime, so a function sees the same ones in either mode.
 */
final class WorkerVariables {
    static final String ACCESS_KEY_ID = FunctionCredentials.PLACEHOLDER.accessKeyId();
    static final String SECRET_ACCESS_KEY = FunctionCredentials.PLACEHOLDER.secretAccessKey();
    static final String SESSION_TOKEN = FunctionCredentials.PLACEHOLDER.sessionToken();
    private static final List<String> PROXIES = List.of("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY");

    private WorkerVariables() {
    }

    /** The complete variables of one worker, {@code runtimeApi} being its {@code host:port}. */
    static Map<String, String> of(VersionSpec spec, String runtimeApi, String logStreamName,
            Map<String, String> runtimeVariables, Map<String, String> host) {
        Map<String, String> hostVariables = new LinkedHashMap<>(host);
        bypassProxies(hostVariables);
        Map<String, String> reserved = new LinkedHashMap<>();
        reserved.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        reserved.putAll(runtimeVariables);
        return FunctionVariables.of(spec, logStreamName, hostVariables, reserved);
    }

    private static void bypassProxies(Map<String, String> variables) {
        if (PROXIES.stream().noneMatch(variables::containsKey)) {
            return;
        }
        for (String name : List.of("no_proxy", "NO_PROXY")) {
            String current = variables.getOrDefault(name, "");
            variables.put(name, current.isEmpty() ? "127.0.0.1,localhost" : current + ",127.0.0.1,localhost");
        }
    }
}
