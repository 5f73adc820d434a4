package io.portico.functions.engine;

import java.util.List;
import java.util.Optional;

/**
 * The Lambda runtime identifiers a function may declare. Lambda checks a function's runtime in its
 * service code, not against its API model's enumeration (which also lists runtimes long retired): a
 * runtime it no longer supports is refused with a deprecation message, any other unknown one with the
 * list of the runtimes it does support. Which of them Portico runs is the invoker's business.
 */
public final class Runtimes {
    /**
     * The runtimes a function may be created with or updated to, in the order Lambda prints them
     * ({@code ../shared/conformance/lambda} test_lambda_api, TestLambdaFunction::test_create_lambda_exceptions,
     * invalid_runtime_exc, recorded in 2025).
     */
    public static final List<String> SUPPORTED = List.of("nodejs20.x", "python3.14", "provided.al2023", "python3.12",
            "python3.13", "nodejs24.x", "nodejs22.x", "java25", "python3.10", "python3.11", "java21", "ruby3.3",
            "ruby3.4", "ruby3.2", "python3.8", "python3.9", "java17", "nodejs16.x", "dotnet10", "dotnet8", "java11",
            "dotnet6", "nodejs18.x", "provided.al2", "java8.al2");

    /**
     * Runtimes Lambda once had and no longer creates or updates functions with (AWS's runtime deprecation
     * table; test_lambda_api, TestRuntimeValidation, records java8, go1.x, provided, ruby2.7, nodejs14.x,
     * python3.7, dotnetcore3.1 and nodejs12.x).
     */
    public static final List<String> DEPRECATED = List.of("nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10",
            "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "java8", "python2.7", "python3.6", "python3.7",
            "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "go1.x", "ruby2.5", "ruby2.7",
            "provided");

    private Runtimes() {
    }

    /**
     * Lambda's refusal of {@code runtime}, if it refuses it: empty for a supported runtime (or a runtime ARN,
     * which Lambda accepts too).
     */
    public static Optional<FunctionsException> refusal(String runtime) {
        if (SUPPORTED.contains(runtime) || runtime.startsWith("arn:")) {
            return Optional.empty();
        }
        if (DEPRECATED.contains(runtime)) {
            return Optional.of(FunctionsException.invalidParameter("The runtime parameter of " + runtime
                    + " is no longer supported for creating or updating AWS Lambda functions. We recommend you use a"
                    + " supported runtime while creating or updating functions."));
        }
        return Optional.of(FunctionsException.invalidParameter("Value " + runtime + " at 'runtime' failed"
                + " to satisfy constraint: Member must satisfy enum value set: " + SUPPORTED + " or be a valid ARN"));
    }
}
