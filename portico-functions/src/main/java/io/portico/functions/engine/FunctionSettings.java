package io.portico.functions.engine;

import io.portico.core.validation.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What CreateFunction and UpdateFunctionConfiguration set, with Lambda's defaults and limits applied.
 * Immutable; a published version keeps the settings it was published with.
 *
 * <p>{@code environmentSet} says whether an {@code Environment} was given, even one without variables:
 * Lambda then reports {@code Environment} (with empty {@code Variables}), and leaves it out for a
 * function never given one. {@code vpc} and {@code fileSystems} are recorded and reported, not acted on
 * (see {@link VpcConfig}, {@link FileSystemConfig}).
 */
public record FunctionSettings(
        String runtime,
        String handler,
        String role,
        String description,
        int timeoutSeconds,
        int memorySizeMb,
        Map<String, String> environment,
        Optional<String> deadLetterTargetArn,
        List<String> architectures,
        int ephemeralStorageMb,
        String tracingMode,
        boolean environmentSet,
        Optional<VpcConfig> vpc,
        List<FileSystemConfig> fileSystems,
        LoggingConfig logging) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 3;
    public static final int DEFAULT_MEMORY_MB = 128;
    public static final int MAX_TIMEOUT_SECONDS = 900;
    /** Lambda's limit on the environment variables' total size (keys and values, UTF-8). */
    public static final int MAX_ENVIRONMENT_BYTES = 4096;

    public FunctionSettings {
        environment = Map.copyOf(environment);
        architectures = List.copyOf(architectures);
        // Settings stored before these members existed read them as absent.
        vpc = vpc == null ? Optional.empty() : vpc;
        fileSystems = fileSystems == null ? List.of() : List.copyOf(fileSystems);
        logging = logging == null ? LoggingConfig.DEFAULT : logging;
    }

    /** Settings without an environment, VPC, file systems or logging config: what the older constructor callers meant. */
    public FunctionSettings(String runtime, String handler, String role, String description, int timeoutSeconds,
            int memorySizeMb, Map<String, String> environment, Optional<String> deadLetterTargetArn,
            List<String> architectures, int ephemeralStorageMb, String tracingMode) {
        this(runtime, handler, role, description, timeoutSeconds, memorySizeMb, environment, deadLetterTargetArn,
                architectures, ephemeralStorageMb, tracingMode, !environment.isEmpty(), Optional.empty(), List.of(),
                LoggingConfig.DEFAULT);
    }

    /** These settings with another description (PublishVersion may give the version its own). */
    public FunctionSettings withDescription(String newDescription) {
        return new FunctionSettings(runtime, handler, role, newDescription, timeoutSeconds, memorySizeMb, environment,
                deadLetterTargetArn, architectures, ephemeralStorageMb, tracingMode, environmentSet, vpc, fileSystems, logging);
    }

    /** These settings with other architectures (UpdateFunctionCode may change them with the code). */
    public FunctionSettings withArchitectures(List<String> newArchitectures) {
        return new FunctionSettings(runtime, handler, role, description, timeoutSeconds, memorySizeMb, environment,
                deadLetterTargetArn, newArchitectures, ephemeralStorageMb, tracingMode, environmentSet, vpc, fileSystems, logging);
    }

    /** Checks the limits Lambda enforces on every create and update, with Lambda's messages. */
    public FunctionSettings validate() {
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw validation("timeout", timeoutSeconds, timeoutSeconds < 1
                    ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to 900");
        }
        if (memorySizeMb < 128 || memorySizeMb > 10240) {
            throw validation("memorySize", memorySizeMb, memorySizeMb < 128
                    ? "Member must have value greater than or equal to 128"
                    : "Member must have value less than or equal to 10240");
        }
        if (ephemeralStorageMb < 512 || ephemeralStorageMb > 10240) {
            throw FunctionsException.invalidParameter("Ephemeral storage size must be between 512 and 10240 MB.");
        }
        if (description.length() > 256) {
            throw validation("description", description, "Member must have length less than or equal to 256");
        }
        int size = environment.entrySet().stream()
                .mapToInt(e -> e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        + e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .sum();
        if (size > MAX_ENVIRONMENT_BYTES) {
            throw FunctionsException.invalidParameter("Lambda was unable to configure your environment variables because"
                    + " the environment variables you have provided exceeded the 4KB limit. String measured: " + size);
        }
        for (String key : environment.keySet()) {
            if (!key.matches("[a-zA-Z]([a-zA-Z0-9_])+")) {
                throw FunctionsException.invalidParameter("Lambda was unable to configure your environment variables"
                        + " because the environment variables you have provided contains reserved keys or invalid"
                        + " names. Invalid key: " + key);
            }
        }
        return this;
    }

    private static FunctionsException validation(String field, Object value, String constraint) {
        return FunctionsException.invalid(Violation.of(field, value, constraint));
    }
}
