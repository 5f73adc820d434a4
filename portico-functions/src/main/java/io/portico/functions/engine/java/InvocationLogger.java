package io.portico.functions.engine.java;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.portico.functions.engine.InvocationLog;
import java.nio.charset.StandardCharsets;

/**
 * {@code Context.getLogger()}: writes each message as given (no line break added, as Lambda's text
 * log format does) into the invocation's log. The level-taking methods keep the interface's defaults:
 * in the text format Lambda neither filters nor prefixes by level. Thread safe as the log is.
 */
record InvocationLogger(InvocationLog log) implements LambdaLogger {

    @Override
    public void log(String message) {
        log.write(String.valueOf(message));
    }

    @Override
    public void log(byte[] message) {
        log.write(new String(message, StandardCharsets.UTF_8));
    }
}
