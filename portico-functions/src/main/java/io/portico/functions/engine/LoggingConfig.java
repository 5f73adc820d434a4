package io.portico.functions.engine;

import java.util.Optional;

/**
 * A function's {@code LoggingConfig}: the format its runtime writes logs in, the levels below which the
 * runtime drops application and system records (JSON format only: Lambda reports them only there), and
 * the log group its logs go to ({@code /aws/lambda/<name>} unless set). Immutable.
 */
public record LoggingConfig(String logFormat, Optional<String> applicationLogLevel, Optional<String> systemLogLevel,
        Optional<String> logGroup) {
    public static final String TEXT = "Text";
    public static final String JSON = "JSON";
    /** What a function has until a request sets its LoggingConfig. */
    public static final LoggingConfig DEFAULT = new LoggingConfig(TEXT, Optional.empty(), Optional.empty(), Optional.empty());
    private static final String DEFAULT_LEVEL = "INFO";

    /**
     * This config with what a request's (partial) LoggingConfig sets: a switch to JSON brings the levels
     * Lambda defaults to ({@code INFO}), a switch to Text drops them, and what the request leaves out is kept.
     */
    public LoggingConfig with(Optional<String> format, Optional<String> applicationLevel, Optional<String> systemLevel,
            Optional<String> group) {
        String newFormat = format.orElse(logFormat);
        boolean json = JSON.equals(newFormat);
        return new LoggingConfig(newFormat,
                json ? Optional.of(applicationLevel.or(() -> applicationLogLevel).orElse(DEFAULT_LEVEL)) : Optional.empty(),
                json ? Optional.of(systemLevel.or(() -> systemLogLevel).orElse(DEFAULT_LEVEL)) : Optional.empty(),
                group.or(() -> logGroup));
    }

    /** The log group of a function named {@code functionName}. */
    public String logGroupName(String functionName) {
        return logGroup.orElse("/aws/lambda/" + functionName);
    }

    /** Whether the runtime writes JSON records. */
    public boolean json() {
        return JSON.equals(logFormat);
    }
}
