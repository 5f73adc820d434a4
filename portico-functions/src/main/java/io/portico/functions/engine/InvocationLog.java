package io.portico.functions.engine;

/**
 * Where one invocation's (or one init's) log output goes: the handler's stdout and stderr, its
 * {@code LambdaLogger} and the platform's START/END/REPORT lines. Thread safe: a handler may log from
 * threads of its own.
 */
public interface InvocationLog {

    /** Appends {@code text} as written (callers add their own line breaks). */
    void write(String text);
}
