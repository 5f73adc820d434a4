package io.portico.functions.engine.java;

/**
 * Where a function class loader takes a class from, by name. Three places:
 *
 * <ul>
 *   <li>{@link #SHARED}: Portico's own class, the very same {@code Class} the runtime uses. Only the
 *       handler contract of aws-lambda-java-core ({@code Context}, {@code LambdaLogger},
 *       {@code RequestHandler}, ...), so that handler and runtime agree on those interfaces, as the
 *       system class loader makes them agree on Lambda.
 *   <li>{@link #PER_ENVIRONMENT}: Portico's bytes, defined anew in every function loader. Lambda's
 *       serialization library (with its shaded Jackson and Gson), {@code LambdaRuntime} (its static
 *       logger prints to the environment's stdout) and Portico's hooks: classes with static state that
 *       must be one per environment.
 *   <li>{@link #FUNCTION}: the JDK's (platform loader) or else the function's own: its classes, its
 *       Jackson, its AWS SDK, its aws-lambda-java-events. Portico's class path is never visible.
 * </ul>
 *
 * <p>A name placed with Portico that Portico does not have (a class of a newer aws-lambda-java-core,
 * say) falls back to the function's own copy, as parent-first delegation does on Lambda.
 */
enum ClassPlacement {
    SHARED,
    PER_ENVIRONMENT,
    FUNCTION;

    static final String HOOKS_PACKAGE = "io.portico.functions.engine.java.inside.";
    private static final String CORE_PACKAGE = "com.amazonaws.services.lambda.runtime.";
    private static final String CORE_LOGGING = CORE_PACKAGE + "logging.";
    private static final String SERIALIZATION = CORE_PACKAGE + "serialization.";
    private static final String SHADED_BY_SERIALIZATION = "com.amazonaws.lambda.thirdparty.";
    private static final String LAMBDA_RUNTIME = CORE_PACKAGE + "LambdaRuntime";

    static ClassPlacement of(String className) {
        if (className.startsWith(HOOKS_PACKAGE)
                || className.startsWith(SERIALIZATION)
                || className.startsWith(SHADED_BY_SERIALIZATION)
                || className.startsWith(LAMBDA_RUNTIME)) { // LambdaRuntime, LambdaRuntime$1, LambdaRuntimeInternal
            return PER_ENVIRONMENT;
        }
        if (className.startsWith(CORE_LOGGING) || isDirectlyIn(className, CORE_PACKAGE)) {
            return SHARED;
        }
        return FUNCTION;
    }

    private static boolean isDirectlyIn(String className, String packagePrefix) {
        return className.startsWith(packagePrefix) && className.indexOf('.', packagePrefix.length()) < 0;
    }
}
