package io.portico.server;

import io.portico.core.service.ServiceApi;
import io.portico.core.protocol.TemporaryCredentials;
import io.portico.functions.api.LambdaApi;
import io.portico.functions.engine.AsyncInvocations;
import io.portico.functions.engine.ChangeStreams;
import io.portico.functions.engine.Destinations;
import io.portico.functions.engine.FunctionRef;
import io.portico.functions.engine.mappings.EventSourceMappings;
import io.portico.functions.engine.mappings.StreamPoller;
import io.portico.functions.store.MappingStore;
import io.portico.functions.engine.FunctionCredentials;
import io.portico.functions.engine.FunctionRuntime;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.Invoker;
import io.portico.functions.engine.JavaRuntime;
import io.portico.functions.engine.java.HeapGuard;
import io.portico.functions.engine.process.Interpreter;
import io.portico.functions.engine.process.JavaRuntimeSwitch;
import io.portico.functions.engine.process.ProcessRuntime;
import io.portico.functions.store.FunctionStore;
import io.portico.states.api.StatesApi;
import io.portico.states.engine.ObjectStore;
import io.portico.states.engine.StepFunctions;
import io.portico.states.integrations.BusTasks;
import io.portico.states.store.DirectoryObjectStore;
import io.portico.states.store.StatesStores;
import io.portico.tables.api.DynamoDbApi;
import io.portico.tables.api.DynamoDbStreamsApi;
import io.portico.tables.engine.Tables;
import io.portico.tables.engine.item.Batches;
import io.portico.tables.engine.item.ItemQueries;
import io.portico.tables.engine.item.Items;
import io.portico.tables.engine.stream.StreamSignals;
import io.portico.tables.engine.stream.Streams;
import io.portico.tables.engine.stream.Sweeps;
import io.portico.tables.engine.item.Transactions;
import io.portico.tables.engine.partiql.Statements;
import io.portico.tables.store.ItemStore;
import io.portico.tables.store.StreamStore;
import io.portico.tables.store.TableStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The one place that decides which AWS services this server runs. Services are created here, in start
 * order; any that also implement {@link io.portico.core.Component} are started in this order and
 * closed in reverse. Services reach each other only through the call bus in the context (Step
 * Functions' Lambda and AWS SDK Tasks call Lambda's Invoke that way): no service module depends on a
 * sibling.
 */
public final class ServiceWiring {
    /**
     * Lambda waits a minute before retrying a failed asynchronous invocation (then two); tests shorten
     * it with this system property (milliseconds).
     */
    public static final String ASYNC_RETRY_DELAY_PROPERTY = "portico.lambda.asyncRetryDelayMillis";
    /**
     * How long a Lambda execution environment may stay idle before it is closed (seconds, default 600);
     * Lambda does not publish its own figure, only that idle sandboxes go after some minutes.
     */
    public static final String IDLE_TIMEOUT_PROPERTY = "portico.lambda.idleTimeoutSeconds";
    /**
     * Where Java functions run when their own {@code PORTICO_JAVA_RUNTIME} variable does not say:
     * {@code in-process} (the default: fast, memory enforced approximately) or {@code process} (a worker
     * JVM each, under AWS's runtime interface client, with Lambda's heap size for the function's memory).
     */
    public static final String JAVA_RUNTIME_PROPERTY = "portico.lambda.javaRuntime";
    /**
     * How full Portico's heap may get, after a collection, before the heap guard stops the in-process
     * invocation that allocated most (percent of the maximum heap, default 90).
     */
    public static final String HEAP_CEILING_PROPERTY = "portico.lambda.heapCeilingPercent";


    private ServiceWiring() {
    }

    /** The services of this build, each wired to the platform. Never null. */
    public static List<ServiceApi> services(PlatformContext context) {
        return services(context, StepFunctions.Settings.defaults());
    }

    /**
     * The same services with other Step Functions settings than AWS's (tests shorten the activity long
     * poll this way, through {@link PorticoServer#create(PorticoConfig, java.time.Clock, java.util.function.Function)}).
     */
    public static List<ServiceApi> services(PlatformContext context, StepFunctions.Settings statesSettings) {
        return services(context, statesSettings, DynamoDbChangeStreams::new);
    }

    /**
     * The same services with event source mappings reading {@code changeStreams} instead of DynamoDB's
     * streams: tests of the Lambda API pass a stream of their own.
     */
    public static List<ServiceApi> services(PlatformContext context, StepFunctions.Settings statesSettings,
            ChangeStreams changeStreams) {
        return services(context, statesSettings, (streams, signals) -> changeStreams);
    }

    /** The services, event source mappings reading what {@code mappingSource} makes of DynamoDB's streams. */
    private static List<ServiceApi> services(PlatformContext context, StepFunctions.Settings statesSettings,
            BiFunction<Streams, StreamSignals, ChangeStreams> mappingSource) {
        Functions functions = new Functions(new FunctionStore(context.store(), context.clock()), context.dataDir(),
                runtimes(context), context.timers(), context.awsEndpoint(),
                account -> functionCredentials(context, account),
                Duration.ofSeconds(Long.getLong(IDLE_TIMEOUT_PROPERTY, Invoker.DEFAULT_IDLE_TIMEOUT.toSeconds())));
        AsyncInvocations async = new AsyncInvocations(functions, context.work(), Destinations.NONE,
                Duration.ofMillis(Long.getLong(ASYNC_RETRY_DELAY_PROPERTY, 60_000L)));
        StepFunctions stepFunctions = StepFunctions.create(StatesStores.over(context.store(), context.clock()),
                context.timers(), BusTasks.over(context.bus(), context.clock()), withObjects(context, statesSettings));
        Tables tables = Tables.create(TableStore.over(context.store(), context.work(), context.clock()), context.clock());
        StreamSignals signals = StreamSignals.create(); // a commit to a stream wakes the mappings reading it
        ItemStore items = ItemStore.over(context.store(), context.clock(), signals);
        // Lambda and DynamoDB first: Step Functions executions resumed at start may call them at once.
        StreamStore streamStore = StreamStore.over(context.store());
        Streams streams = Streams.create(streamStore, context.clock());
        ChangeStreams changeStreams = mappingSource.apply(streams, signals);
        return List.of(LambdaApi.create(functions, async, eventSourceMappings(context, functions, changeStreams)),
                DynamoDbApi.create(tables, Items.create(items), ItemQueries.create(items), Batches.create(items),
                        Transactions.create(items), Statements.create(items)),
                DynamoDbStreamsApi.create(streams,
                        Sweeps.create(streamStore, items, context.timers().scope("dynamodb-sweeps"))),
                StatesApi.create(stepFunctions));
    }

    /**
     * Lambda's event source mappings over {@code streams} (DynamoDB's, or a test's). No on-failure
     * destination service exists yet ({@link Destinations#NONE}).
     */
    private static EventSourceMappings eventSourceMappings(PlatformContext context, Functions functions,
            ChangeStreams streams) {
        MappingStore store = new MappingStore(context.store());
        StreamPoller.on(context.work(), store, streams, (functionArn, payload, requestId) -> functions.invoke(
                FunctionRef.parse(functionArn, Optional.empty(), "", ""), payload, requestId, Optional.empty()),
                Destinations.NONE);
        return new EventSourceMappings(store, streams, Destinations.NONE, ref -> {
            functions.get(ref); // exists (a Pending function may be mapped, as on Lambda)
            return ref.qualifiedArn();
        }, context.clock(), mapping -> StreamPoller.start(context.work(), mapping));
    }

    /** A function acts with its account's issued session, which the endpoint accepts even when verifying. */
    private static FunctionCredentials functionCredentials(PlatformContext context, String account) {
        TemporaryCredentials.Issued issued = context.temporaryCredentials().forAccount(account);
        return new FunctionCredentials(issued.key().accessKeyId(), issued.key().secretAccessKey(),
                issued.sessionToken());
    }

    /**
     * Distributed Maps read items and write results as objects under {@code <data-dir>/objects/<bucket>/<key>}
     * (Portico has no object store of its own yet), unless the settings already name a store.
     */
    private static StepFunctions.Settings withObjects(PlatformContext context, StepFunctions.Settings settings) {
        if (settings.objectStore() != ObjectStore.NONE) {
            return settings;
        }
        return settings.withObjectStore(DirectoryObjectStore.at(context.dataDir().resolve("objects")));
    }

    /**
     * Java functions run in process unless a function asks for a worker process under AWS's runtime
     * interface client ({@code PORTICO_JAVA_RUNTIME=process}) or {@value #JAVA_RUNTIME_PROPERTY} makes
     * that the default; provided.* functions run their {@code bootstrap} as worker processes. The switch
     * claims only java* runtimes, so it goes first.
     */
    private static List<FunctionRuntime> runtimes(PlatformContext context) {
        ProcessRuntime.Settings settings = ProcessRuntime.Settings.in(context.dataDir().resolve("functions").resolve("workers"));
        for (Interpreter interpreter : Interpreter.values()) { // -Dportico.lambda.node, -Dportico.lambda.python
            String executable = System.getProperty(interpreter.property(), "");
            if (!executable.isBlank()) {
                settings = settings.withInterpreter(interpreter, Path.of(executable));
            }
        }
        ProcessRuntime processes = ProcessRuntime.create(settings);
        HeapGuard guard = HeapGuard.create(Integer.getInteger(HEAP_CEILING_PROPERTY, HeapGuard.DEFAULT_CEILING_PERCENT));
        return List.of(JavaRuntimeSwitch.of(JavaRuntime.create(context.clock(), guard), processes,
                javaRuntimeMode()), processes);
    }

    private static JavaRuntimeSwitch.Mode javaRuntimeMode() {
        String wanted = System.getProperty(JAVA_RUNTIME_PROPERTY, JavaRuntimeSwitch.Mode.IN_PROCESS.value());
        return JavaRuntimeSwitch.Mode.of(wanted).orElseThrow(() -> new IllegalArgumentException(
                JAVA_RUNTIME_PROPERTY + " must be process or in-process, not '" + wanted + "'"));
    }
}
