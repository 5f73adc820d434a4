package io.portico.functions.engine.java;

import io.portico.functions.engine.FunctionInitException;
import io.portico.functions.engine.InvocationLog;
import io.portico.functions.engine.InvocationOutcome.FunctionError;
import io.portico.functions.engine.VersionSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * A function's code loaded into a fresh class loader, with its hooks installed and its handler
 * resolved and instantiated: what Lambda's Init phase leaves behind. One per execution environment,
 * or more if the function's runtime exits and the environment starts over.
 *
 * <p>Init runs on the calling thread with the function's loader as context class loader (as Lambda's
 * runtime sets it, for {@code ServiceLoader} and SDK lookups), in this order: install the hooks,
 * initialise the handler class, create the handler, build its serializers (Lambda builds them at init
 * too, so a type Jackson cannot handle fails there). Not thread safe: one invocation at a time.
 */
final class LoadedFunction implements AutoCloseable {
    private static final String HOOKS = ClassPlacement.HOOKS_PACKAGE + "EnvironmentHooks";
    private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final FunctionClassLoader loader;
    private final LambdaHandler handler;
    private final FunctionSerializers serializers;
    private final ExitTrap exitTrap;

    private LoadedFunction(FunctionClassLoader loader, LambdaHandler handler, FunctionSerializers serializers, ExitTrap exitTrap) {
        this.loader = loader;
        this.handler = handler;
        this.serializers = serializers;
        this.exitTrap = exitTrap;
    }

    /**
     * Loads and initialises the function; its output goes to {@code router}, whose current log is the
     * init log, and its checkpoints stop once {@code stop} is set. Throws {@link FunctionInitException}
     * with Lambda's error document when the handler cannot be loaded, its initialisation throws or it
     * exits.
     */
    static LoadedFunction load(VersionSpec spec, Map<String, String> variables, LogRouter router, InvocationLog initLog,
            StopSignal stop) throws FunctionInitException, InterruptedException {
        FunctionClassLoader loader = new FunctionClassLoader(openCode(spec));
        ExitTrap exitTrap = new ExitTrap();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        LoadedFunction loaded = null;
        HandlerFault fault = null;
        try {
            install(loader, variables, router, exitTrap, stop);
            HandlerString handlerString = HandlerString.parse(spec.handler());
            LambdaHandler handler = HandlerLoader.load(handlerClass(handlerString.className(), loader), handlerString, initLog);
            FunctionSerializers serializers = FunctionSerializers.in(loader);
            prefetchSerializers(handler, serializers);
            loaded = new LoadedFunction(loader, handler, serializers, exitTrap);
        } catch (HandlerFault e) {
            fault = e;
        } finally {
            thread.setContextClassLoader(previous);
            router.flush();
            if (loaded == null) {
                loader.close();
            }
        }
        if (Thread.interrupted()) {
            loader.close();
            throw new InterruptedException("initialisation of " + spec.qualifiedArn() + " was interrupted");
        }
        if (loaded != null) {
            return loaded;
        }
        throw initFailure(fault, exitTrap.requestedStatus(), initLog);
    }

    private static CodeRoots openCode(VersionSpec spec) {
        try {
            return CodeRoots.open(spec.codeDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the code of " + spec.qualifiedArn(), e);
        }
    }

    private static void install(FunctionClassLoader loader, Map<String, String> variables, LogRouter router,
            ExitTrap exitTrap, StopSignal stop) {
        try {
            Class.forName(HOOKS, true, loader)
                    .getMethod("install", Map.class, PrintStream.class, PrintStream.class, IntFunction.class,
                            AtomicReference.class)
                    .invoke(null, variables, router.stdout(), router.stderr(), exitTrap, stop.signal());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install the environment hooks", e);
        }
    }

    /** {@code Class.forName} with initialisation, failures worded as Lambda words them. */
    private static Class<?> handlerClass(String className, ClassLoader loader) throws HandlerFault {
        try {
            return Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw HandlerFault.of("Class not found: " + className, e);
        } catch (Throwable e) { // NoClassDefFoundError, ExceptionInInitializerError, UnsupportedClassVersionError, ...
            throw HandlerFault.of("Error loading class " + className + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private static void prefetchSerializers(LambdaHandler handler, FunctionSerializers serializers) throws HandlerFault {
        if (!(handler instanceof LambdaHandler.Pojo pojo)) {
            return;
        }
        try {
            pojo.inputType().ifPresent(type -> serializers.reader(type, false));
            pojo.outputType().ifPresent(type -> serializers.writer(type, false));
        } catch (RuntimeException | Error e) {
            throw HandlerFault.of(e);
        }
    }

    private static FunctionInitException initFailure(HandlerFault fault, OptionalInt exitStatus, InvocationLog initLog) {
        if (exitStatus.isPresent()) {
            String message = ErrorDocuments.exitMessage(Optional.empty(), exitStatus.getAsInt());
            initLog.write(message + "\n" + ErrorDocuments.EXIT_ERROR + "\n");
            return new FunctionInitException(ErrorDocuments.exit(Optional.empty(), exitStatus.getAsInt()), message);
        }
        Throwable cause = fault.getCause();
        if (cause != null) {
            ErrorDocuments.filterStackTraces(cause);
            initLog.write(ErrorDocuments.logText(fault.getMessage(), cause));
        } else {
            initLog.write(fault.getMessage() + "\n");
        }
        FunctionError error = ErrorDocuments.fault(fault.getMessage(), fault.errorType());
        return new FunctionInitException(error, fault.getMessage());
    }

    /** The function's class loader, the context class loader while it runs. */
    ClassLoader loader() {
        return loader;
    }

    /** The status the function asked to exit with, if it did: the environment must then start over. */
    OptionalInt exitStatus() {
        return exitTrap.requestedStatus();
    }

    /**
     * Runs the handler on {@code payload} and returns the response payload. Throws what the handler
     * throws, unwrapped, or Lambda's {@code RuntimeException} for a payload that does not deserialise
     * into the handler's input type or a result that does not serialise.
     */
    byte[] handle(byte[] payload, LambdaContext context) throws Throwable {
        return switch (handler) {
            case LambdaHandler.Streaming streaming -> {
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                streaming.call().handle(new ByteArrayInputStream(payload), output, context);
                yield output.toByteArray();
            }
            case LambdaHandler.Pojo pojo -> handlePojo(pojo, payload, context);
        };
    }

    private byte[] handlePojo(LambdaHandler.Pojo pojo, byte[] payload, LambdaContext context) throws Throwable {
        boolean android = context.isAndroidClient();
        Object input = null;
        if (pojo.inputType().isPresent()) {
            try {
                input = serializers.reader(pojo.inputType().get(), android).apply(new ByteArrayInputStream(payload));
            } catch (RuntimeException | Error e) {
                throw new RuntimeException("An error occurred during JSON parsing", e);
            }
        }
        Object output = pojo.call().handle(input, context);
        if (pojo.outputType().isEmpty()) {
            return JSON_NULL.clone();
        }
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            serializers.writer(pojo.outputType().get(), android).accept(output, response);
        } catch (RuntimeException | Error e) {
            throw new RuntimeException("An error occurred during JSON serialization of response", e);
        }
        return response.toByteArray();
    }

    /** Closes the class loader and the function's jars; classes already loaded keep working, new ones fail. */
    @Override
    public void close() {
        loader.close();
    }
}
