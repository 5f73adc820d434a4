package io.portico.functions.engine.process;

import io.portico.functions.engine.ExecutionEnvironment;
import io.portico.functions.engine.FunctionInitException;
import io.portico.functions.engine.FunctionRuntime;
import io.portico.functions.engine.InvocationLog;
import io.portico.functions.engine.VersionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs functions as worker processes speaking Lambda's Runtime API, one process per execution
 * environment, kept warm between invocations:
 *
 * <ul>
 *   <li>{@code provided.al2023}, {@code provided.al2} and {@code provided}: the function's own
 *       {@code bootstrap}, at the root of its code, started with no arguments in the code directory;
 *   <li>{@code java8.al2} to {@code java25}: AWS's Java runtime interface client on Portico's JVM, the
 *       high-fidelity alternative to the in-process {@code JavaRuntime} (see
 *       {@link JavaRuntimeSwitch} for choosing between them per function);
 *   <li>{@code nodejs18.x}, {@code nodejs20.x}, ... and {@code python3.9} to {@code python3.14}: Portico's
 *       own bootstrap on the machine's {@code node} or {@code python3} (see {@link Interpreter}).
 * </ul>
 *
 * <p>How an environment works: it gets its own Runtime API server on 127.0.0.1 (see
 * {@link RuntimeApiServers} for why one per worker), passed to the process as
 * {@code AWS_LAMBDA_RUNTIME_API} with the variables Lambda sets (see {@link WorkerVariables});
 * {@link #start} returns when the process first calls {@code /next}, and fails with Lambda's error
 * when it posts {@code /init/error}, exits first ({@code Runtime.ExitError}), has no runnable
 * bootstrap ({@code Runtime.InvalidEntrypoint}), or takes longer than Lambda would wait: its 10 s
 * init limit plus the function's timeout, the time Lambda gives an init it retries during the first
 * invocation ({@code Sandbox.Timedout}). The process's stdout and stderr go to the init log, then to
 * each invocation's (see {@link ProcessOutput}). An environment whose process dies starts a new one on
 * its next invocation, as Lambda replaces a sandbox; closing it kills the process tree.
 *
 * <p>Workers are Portico's children: a shutdown hook kills them when Portico exits, but a Portico
 * killed with SIGKILL leaves them behind (a runtime usually exits once its Runtime API is gone; a
 * bootstrap script looping over {@code curl} does not). Thread safe.
 */
public final class ProcessRuntime implements FunctionRuntime, AutoCloseable {
    private static final Set<String> PROVIDED = Set.of("provided", "provided.al2", "provided.al2023");
    private static final Set<String> JAVA = Set.of("java8.al2", "java11", "java17", "java21", "java25");

    /**
     * Where environments keep their files ({@code workDirectory}), how much longer than the function's
     * timeout an init may take ({@code initGrace}, Lambda's 10 s init limit by default), the
     * {@code java} that runs Java functions (Portico's own by default), and the {@code node} and
     * {@code python3} that run Node.js and Python functions (the PATH's unless named here).
     */
    public record Settings(Path workDirectory, Duration initGrace, Path javaExecutable, Map<Interpreter, Path> interpreters) {

        public Settings {
            Objects.requireNonNull(workDirectory, "workDirectory");
            if (initGrace.isNegative()) {
                throw new IllegalArgumentException("initGrace must not be negative: " + initGrace);
            }
            Objects.requireNonNull(javaExecutable, "javaExecutable");
            interpreters = Map.copyOf(interpreters);
        }

        /** Lambda's init limit and Portico's own JVM, with files under {@code workDirectory}. */
        public static Settings in(Path workDirectory) {
            return new Settings(workDirectory, Duration.ofSeconds(10), Path.of(System.getProperty("java.home"), "bin", "java"),
                    Map.of());
        }

        public Settings withInitGrace(Duration grace) {
            return new Settings(workDirectory, grace, javaExecutable, interpreters);
        }

        public Settings withJavaExecutable(Path java) {
            return new Settings(workDirectory, initGrace, java, interpreters);
        }

        /** Functions of {@code interpreter}'s runtimes run on {@code executable} rather than on the PATH's. */
        public Settings withInterpreter(Interpreter interpreter, Path executable) {
            Map<Interpreter, Path> changed = new EnumMap<>(Interpreter.class);
            changed.putAll(interpreters);
            changed.put(interpreter, executable);
            return new Settings(workDirectory, initGrace, javaExecutable, changed);
        }
    }

    private final Settings settings;
    private final boolean ownsWorkDirectory;
    private final RuntimeApiServers servers = RuntimeApiServers.create();
    private final Set<ProcessEnvironment> live = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::closeEnvironments, "process-runtime-shutdown");
    private final ReentrantLock installLock = new ReentrantLock();
    private JavaRuntimeInterfaceClient ric; // guarded by installLock, installed on first use
    private final Map<Interpreter, InterpreterInstallation> interpreters = new EnumMap<>(Interpreter.class); // the same
    private volatile boolean closed;

    private ProcessRuntime(Settings settings, boolean ownsWorkDirectory) {
        this.settings = settings;
        this.ownsWorkDirectory = ownsWorkDirectory;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A runtime keeping its files in a new temporary directory, removed by {@link #close}. */
    public static ProcessRuntime create() {
        try {
            return new ProcessRuntime(Settings.in(Files.createTempDirectory("portico-functions-")), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory for worker processes", e);
        }
    }

    /** A runtime with {@code settings}; its work directory is created if missing and kept on close. */
    public static ProcessRuntime create(Settings settings) {
        try {
            Files.createDirectories(settings.workDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + settings.workDirectory(), e);
        }
        return new ProcessRuntime(settings, false);
    }

    @Override
    public boolean supports(String runtime) {
        return PROVIDED.contains(runtime) || JAVA.contains(runtime) || Interpreter.of(runtime).isPresent();
    }

    @Override
    public ExecutionEnvironment start(VersionSpec spec, InvocationLog initLog) throws FunctionInitException, InterruptedException {
        if (!supports(spec.runtime())) {
            throw new IllegalArgumentException("ProcessRuntime does not run " + spec.runtime());
        }
        if (closed) {
            throw new IllegalStateException("the process runtime is closed");
        }
        WorkerLaunch launch = new WorkerLaunch(spec, command(spec), servers, environmentDirectory(),
                settings.initGrace().plusSeconds(spec.timeoutSeconds()));
        ProcessEnvironment environment = ProcessEnvironment.start(launch, initLog, live::remove);
        live.add(environment);
        if (closed) {
            environment.close(); // the runtime closed while this one started
            throw new IllegalStateException("the process runtime is closed");
        }
        return environment;
    }

    private WorkerCommand command(VersionSpec spec) throws FunctionInitException {
        if (JAVA.contains(spec.runtime())) {
            return javaClient().command(spec);
        }
        Optional<Interpreter> interpreter = Interpreter.of(spec.runtime());
        if (interpreter.isPresent()) {
            return installation(interpreter.get()).command(spec);
        }
        Path bootstrap = spec.codeDirectory().resolve("bootstrap").toAbsolutePath();
        if (!Files.isRegularFile(bootstrap)) {
            // Lambda also looks in /opt (layers, which Portico does not have yet) and names both places.
            String reason = "Couldn't find valid bootstrap(s): [" + bootstrap + "]";
            throw new FunctionInitException(PlatformErrors.invalidEntrypoint(reason), reason);
        }
        return new WorkerCommand(List.of(bootstrap.toString()), Map.of());
    }

    private JavaRuntimeInterfaceClient javaClient() throws FunctionInitException {
        // Installing unpacks files: a virtual thread may block here, so a lock rather than a monitor.
        installLock.lock();
        try {
            if (ric == null) {
                ric = JavaRuntimeInterfaceClient.install(settings.workDirectory().resolve("ric"),
                        settings.javaExecutable());
            }
            return ric;
        } catch (UnsupportedOperationException e) {
            throw new FunctionInitException(PlatformErrors.invalidEntrypoint(e.getMessage()), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the Java runtime interface client", e);
        } finally {
            installLock.unlock();
        }
    }

    private InterpreterInstallation installation(Interpreter interpreter) {
        installLock.lock(); // writing the bootstrap is file I/O: a lock rather than a monitor
        try {
            return interpreters.computeIfAbsent(interpreter, i -> InterpreterInstallation.install(i,
                    settings.workDirectory().resolve("interpreters"), Optional.ofNullable(settings.interpreters().get(i))));
        } finally {
            installLock.unlock();
        }
    }

    private Path environmentDirectory() {
        try {
            return Files.createTempDirectory(settings.workDirectory(), "env-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory in " + settings.workDirectory(), e);
        }
    }

    /** Environments started and not yet closed, for tests and metrics. */
    public int environmentCount() {
        return live.size();
    }

    /** Closes every environment (killing their processes) and stops the Runtime API threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
        closeEnvironments();
        servers.close();
        if (ownsWorkDirectory) {
            Directories.deleteRecursively(settings.workDirectory());
        } else {
            Directories.deleteRecursively(settings.workDirectory().resolve("ric"));
            Directories.deleteRecursively(settings.workDirectory().resolve("interpreters"));
        }
    }

    private void closeEnvironments() {
        for (ProcessEnvironment environment : List.copyOf(live)) {
            environment.close();
        }
    }
}
