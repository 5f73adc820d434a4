package io.portico.functions.engine.process;

import io.portico.functions.engine.FunctionsException;
import io.portico.functions.engine.VersionSpec;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Interpreter} on this machine: its executable and Portico's bootstrap for it, written into
 * Portico's work directory.
 *
 * <p>The version rule: {@code nodejs20.x} runs on Node.js 20 and {@code python3.12} on Python 3.12, or
 * on a newer one with a warning in Portico's log (code written for 3.12 nearly always runs on 3.13; the
 * reverse is not so). With an older one, or none, invoking the function is refused with
 * {@code InvalidParameterValueException} naming what is missing. Which executable: the one configured
 * (the interpreter's system property) or else the first on {@code PATH}; its version is asked once per
 * executable. Thread safe.
 */
final class InterpreterInstallation {
    private static final Logger LOG = LoggerFactory.getLogger(InterpreterInstallation.class);

    private final Interpreter interpreter;
    private final Optional<Path> configured;
    private final Path bootstrap;
    private final Map<Path, Interpreter.Version> versions = new ConcurrentHashMap<>();
    private final Map<String, Boolean> warned = new ConcurrentHashMap<>();

    private InterpreterInstallation(Interpreter interpreter, Optional<Path> configured, Path bootstrap) {
        this.interpreter = interpreter;
        this.configured = configured;
        this.bootstrap = bootstrap;
    }

    /** Portico's bootstrap for {@code interpreter}, written into {@code directory}, run by {@code configured} or the PATH's. */
    static InterpreterInstallation install(Interpreter interpreter, Path directory, Optional<Path> configured) {
        try (InputStream in = InterpreterInstallation.class.getResourceAsStream(interpreter.bootstrapResource())) {
            if (in == null) {
                throw new IllegalStateException("Portico's " + interpreter.language() + " bootstrap is missing from its"
                        + " classes: " + interpreter.bootstrapResource());
            }
            Files.createDirectories(directory);
            Path bootstrap = directory.resolve(Path.of(interpreter.bootstrapResource()).getFileName());
            Files.copy(in, bootstrap, StandardCopyOption.REPLACE_EXISTING);
            return new InterpreterInstallation(interpreter, configured, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + interpreter.language() + " bootstrap into " + directory, e);
        }
    }

    /**
     * How to start a worker of {@code spec}: the interpreter, its options and the bootstrap, with
     * {@code AWS_EXECUTION_ENV} and the family's variables.
     *
     * @throws FunctionsException {@code INVALID_PARAMETER} when no suitable interpreter is there
     */
    WorkerCommand command(VersionSpec spec) {
        String runtime = spec.runtime();
        Interpreter.Version wanted = interpreter.wanted(runtime);
        String remedy = ": install " + interpreter.language() + " " + wanted + " or set -D" + interpreter.property()
                + " to its executable.";
        Path executable = executable().orElseThrow(() -> FunctionsException.invalidParameter("The runtime parameter of "
                + runtime + " needs " + interpreter.language() + " " + wanted + " on Portico's machine, and there is no "
                + interpreter.executable() + (configured.isPresent() ? " at " + configured.get() : " on the PATH") + remedy));
        Optional<Interpreter.Version> found = version(executable);
        if (found.isEmpty() || found.get().compareTo(wanted) < 0) {
            throw FunctionsException.invalidParameter("The runtime parameter of " + runtime + " needs "
                    + interpreter.language() + " " + wanted + " or newer, and " + executable + " is "
                    + found.map(v -> interpreter.language() + " " + v).orElse("of a version it does not say") + remedy);
        }
        if (found.get().compareTo(wanted) > 0 && warned.putIfAbsent(runtime, true) == null) {
            LOG.warn("Functions of {} run on {} {} ({}): no {} {} is configured", runtime, interpreter.language(),
                    found.get(), executable, interpreter.language(), wanted);
        }
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(interpreter.arguments(spec.memorySizeMb()));
        argv.add(bootstrap.toString());
        Map<String, String> variables = new HashMap<>(interpreter.variables(spec.codeDirectory().toString()));
        variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + runtime);
        return new WorkerCommand(argv, variables);
    }

    private Optional<Path> executable() {
        if (configured.isPresent()) {
            return configured.filter(Files::isExecutable);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = entry.isEmpty() ? null : Path.of(entry, interpreter.executable());
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** What {@code executable --version} says, asked once (an executable that cannot say is asked again). */
    private Optional<Interpreter.Version> version(Path executable) {
        Interpreter.Version known = versions.get(executable);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Interpreter.Version> found = askVersion(executable);
        found.ifPresent(v -> versions.put(executable, v));
        return found;
    }

    private Optional<Interpreter.Version> askVersion(Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
            String printed;
            try (InputStream in = process.getInputStream()) {
                printed = new String(in.readNBytes(200), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return interpreter.installed(printed);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
