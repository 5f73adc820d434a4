package io.portico.functions.engine.process;

import io.portico.core.json.Json;
import io.portico.functions.engine.ExecutionEnvironment;
import io.portico.functions.engine.FunctionInitException;
import io.portico.functions.engine.FunctionRuntime;
import io.portico.functions.engine.InvocationLog;
import io.portico.functions.engine.InvocationOutcome.FunctionError;
import io.portico.functions.engine.VersionSpec;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses, per Java function, between running it in Portico's JVM (fast: no process, no JVM start)
 * and out of process under AWS's own runtime interface client ({@link ProcessRuntime}: Lambda's
 * exact handler loading, serialization, logging and error documents, a JVM of its own).
 *
 * <p>The switch is the function's environment variable {@value #VARIABLE}: {@code process} or
 * {@code in-process}; without it, the default this switch was built with applies. A variable rather
 * than a runtime id because {@code CreateFunction} accepts only Lambda's runtime ids, and a variable
 * travels with the function's configuration through every tool (the CLI, SAM, CDK) and is harmless on
 * AWS. A Java runtime only the process side runs ({@code java11}, say) runs out of process whatever
 * the switch says. Put the switch before the {@link ProcessRuntime} in the runtime list: it claims the
 * {@code java*} ids only. Thread safe.
 */
public final class JavaRuntimeSwitch implements FunctionRuntime {
    /** The function variable that picks the mode. */
    public static final String VARIABLE = "PORTICO_JAVA_RUNTIME";

    /** Where a Java function runs. */
    public enum Mode {
        IN_PROCESS("in-process"), PROCESS("process");

        private final String value;

        Mode(String value) {
            this.value = value;
        }

        /** The variable's value that selects this mode. */
        public String value() {
            return value;
        }

        /** The mode {@code value} names ({@code process}, {@code in-process}; case and blanks ignored), if any. */
        public static Optional<Mode> of(String value) {
            String wanted = value.trim().toLowerCase(Locale.ROOT);
            for (Mode mode : values()) {
                if (mode.value.equals(wanted)) {
                    return Optional.of(mode);
                }
            }
            return Optional.empty();
        }
    }

    private final FunctionRuntime inProcess;
    private final FunctionRuntime process;
    private final Mode defaultMode;

    private JavaRuntimeSwitch(FunctionRuntime inProcess, FunctionRuntime process, Mode defaultMode) {
        this.inProcess = inProcess;
        this.process = process;
        this.defaultMode = defaultMode;
    }

    /** Java functions run by {@code inProcess} or {@code process}, {@code defaultMode} when they do not say. */
    public static JavaRuntimeSwitch of(FunctionRuntime inProcess, FunctionRuntime process, Mode defaultMode) {
        return new JavaRuntimeSwitch(Objects.requireNonNull(inProcess, "inProcess"),
                Objects.requireNonNull(process, "process"), Objects.requireNonNull(defaultMode, "defaultMode"));
    }

    @Override
    public boolean supports(String runtime) {
        return runtime.startsWith("java") && (inProcess.supports(runtime) || process.supports(runtime));
    }

    @Override
    public ExecutionEnvironment start(VersionSpec spec, InvocationLog initLog) throws FunctionInitException, InterruptedException {
        return runtimeFor(spec).start(spec, initLog);
    }

    private FunctionRuntime runtimeFor(VersionSpec spec) throws FunctionInitException {
        Mode mode = mode(Optional.ofNullable(spec.environment().get(VARIABLE)));
        boolean inProcessRuns = inProcess.supports(spec.runtime());
        if (mode == Mode.PROCESS && process.supports(spec.runtime()) || !inProcessRuns) {
            return process;
        }
        return inProcess;
    }

    private Mode mode(Optional<String> value) throws FunctionInitException {
        if (value.isEmpty()) {
            return defaultMode;
        }
        Optional<Mode> named = Mode.of(value.get());
        if (named.isPresent()) {
            return named.get();
        }
        String message = VARIABLE + " must be process or in-process, not '" + value.get() + "'";
        throw new FunctionInitException(new FunctionError("Runtime.Unknown", Json.write(Json.object()
                .put("errorType", "Runtime.Unknown").put("errorMessage", message))), message);
    }
}
