package io.portico.functions.engine;

import io.portico.core.Component;
import io.portico.core.json.Json;
import io.portico.core.paging.PageTokens;
import io.portico.core.time.Timers;
import io.portico.core.validation.ValidationReport;
import io.portico.core.validation.Violation;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda engine: functions, versions, aliases, concurrency and invocation. The api layer decodes
 * wire requests into calls on this class; other modules (Step Functions tasks, event sources) invoke
 * functions through {@link #invoke}. Errors are {@link FunctionsException}s with Lambda's messages,
 * whose kinds the api layer maps to Lambda's codes.
 *
 * <p>Resolved versions are cached in memory (every write goes through this class, which evicts the
 * function's entries), so a warm invoke reads nothing from the store. Thread safe.
 */
public final class Functions implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(Functions.class);
    /** Lambda's default account concurrency limit, and what must stay unreserved. */
    public static final int ACCOUNT_CONCURRENCY = 1000;
    public static final int MIN_UNRESERVED = 100;
    public static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
    public static final int MAX_ASYNC_PAYLOAD = 256 * 1024;
    /** The longest function name Lambda creates. */
    static final int MAX_NAME_LENGTH = 64;
    /** Tags a function may carry (Lambda: 50). */
    public static final int TAG_LIMIT = 50;
    private static final byte[] EMPTY_EVENT = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final FunctionRepository store;
    private final PageTokens pageTokens;
    private final CodeStorage code;
    private final Invoker invoker;
    private final List<FunctionRuntime> runtimes;
    private final FunctionLogs logs;
    private final Clock clock;
    private final Supplier<URI> endpoint;
    private final java.util.function.Function<String, FunctionCredentials> credentials;
    private final ExecutorService preparation = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentHashMap<String, Resolved> resolved = new ConcurrentHashMap<>();

    /** A version ready to run, with the function-wide concurrency limit that applies to it. */
    private record Resolved(FunctionVersion version, VersionSpec spec, int concurrencyLimit) {
    }

    /** Functions whose environments get {@link FunctionCredentials#PLACEHOLDER} credentials. */
    public Functions(FunctionRepository store, Path dataDir, List<FunctionRuntime> runtimes, Timers timers,
            Supplier<URI> endpoint) {
        this(store, dataDir, runtimes, timers, endpoint, account -> FunctionCredentials.PLACEHOLDER,
                Invoker.DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * Functions reaching Portico at {@code endpoint}, each with the credentials {@code credentials}
     * gives for its account, whose execution environments are closed once idle for
     * {@code idleTimeout} (see {@link Invoker}); their timeouts and idle sweep run on a scope of
     * {@code timers}, the platform's, whose clock is theirs.
     */
    public Functions(FunctionRepository store, Path dataDir, List<FunctionRuntime> runtimes, Timers timers,
            Supplier<URI> endpoint, java.util.function.Function<String, FunctionCredentials> credentials,
            Duration idleTimeout) {
        this.credentials = credentials;
        this.store = store;
        this.pageTokens = store.pageTokens();
        this.code = new CodeStorage(dataDir.resolve("functions"));
        this.logs = new FunctionLogs();
        this.invoker = new Invoker(runtimes, logs, timers, idleTimeout);
        this.runtimes = List.copyOf(runtimes);
        this.clock = timers.clock();
        this.endpoint = endpoint;
    }

    public FunctionRepository store() {
        return store;
    }

    /** The kit's page tokens, for the list operations' {@code Marker}. */
    public PageTokens pageTokens() {
        return pageTokens;
    }

    public CodeStorage code() {
        return code;
    }

    public FunctionLogs logs() {
        return logs;
    }

    public Invoker invoker() {
        return invoker;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void start() {
        // Code preparation interrupted by a crash or shutdown is finished now, as Lambda would have.
        // (Scopes are not enumerable cheaply here; versions are few, so a scan is fine.)
        for (FunctionVersion v : store.pendingVersions()) {
            preparation.submit(() -> prepare(v));
        }
    }

    @Override
    public void close() {
        preparation.shutdownNow();
        invoker.close();
        for (FunctionRuntime runtime : runtimes) {
            if (runtime instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("Closing runtime {} failed", runtime, e);
                }
            }
        }
    }

    // ---- functions

    public FunctionVersion create(NewFunction request) {
        validateName(request.name());
        FunctionSettings settings = checkRuntime(request.settings().validate());
        // Lambda judges the request before it looks for the name: too many tags is not a conflict.
        if (request.tags().size() > TAG_LIMIT) {
            throw FunctionsException.tooManyTags();
        }
        CodeStorage.StoredCode stored = code.store(request.zip());
        FunctionVersion latest = new FunctionVersion(request.accountId(), request.region(), request.name(),
                FunctionVersion.LATEST, settings, stored.sha256Base64(), stored.size(), clock.instant(), revision(),
                FunctionState.creating());
        store.create(latest, request.tags());
        preparation.submit(() -> prepare(latest));
        if (request.publish()) {
            // Lambda publishes version 1 from the new code; it is Pending until the code is ready too.
            return store.publish(latest, this::versionOf);
        }
        return latest;
    }

    /** The version a qualifier names ($LATEST when absent; an alias resolves to its main version). */
    public FunctionVersion get(FunctionRef ref) {
        String version = ref.qualifier().map(q -> versionFor(ref, q)).orElse(FunctionVersion.LATEST);
        return store.version(ref.accountId(), ref.region(), ref.name(), version)
                .orElseThrow(() -> notFound(ref));
    }

    public List<FunctionVersion> list(String accountId, String region, boolean allVersions) {
        return allVersions ? store.allVersions(accountId, region) : store.latestVersions(accountId, region);
    }

    /**
     * Replaces the code of {@code $LATEST} (and its architectures, if given), or with
     * {@link CodeUpdate#dryRun()} only checks that it could and returns {@code $LATEST} unchanged.
     */
    public FunctionVersion updateCode(FunctionRef ref, CodeUpdate update) {
        if (update.dryRun()) {
            code.verify(update.zip());
            FunctionVersion current = get(ref.withoutQualifier());
            checkRevision(current.revisionId(), update.revisionId());
            checkUpdatable(current);
            return current;
        }
        CodeStorage.StoredCode stored = code.store(update.zip());
        FunctionVersion updated = store.update(latestKey(ref), current -> {
            checkRevision(current.revisionId(), update.revisionId());
            checkUpdatable(current);
            FunctionSettings settings = update.architectures().map(current.settings()::withArchitectures)
                    .orElse(current.settings());
            return new FunctionVersion(current.accountId(), current.region(), current.name(), FunctionVersion.LATEST,
                    settings, stored.sha256Base64(), stored.size(), clock.instant(), revision(),
                    FunctionState.updating());
        });
        changed(ref);
        preparation.submit(() -> prepare(updated));
        return update.publish() ? store.publish(updated, this::versionOf) : updated;
    }

    public FunctionVersion updateConfiguration(FunctionRef ref, java.util.function.UnaryOperator<FunctionSettings> change,
            Optional<String> revisionId) {
        FunctionVersion updated = store.update(latestKey(ref), current -> {
            checkRevision(current.revisionId(), revisionId);
            checkUpdatable(current);
            FunctionSettings settings = checkRuntime(change.apply(current.settings()).validate());
            return new FunctionVersion(current.accountId(), current.region(), current.name(), FunctionVersion.LATEST,
                    settings, current.codeSha256(), current.codeSize(), clock.instant(), revision(),
                    FunctionState.updating());
        });
        changed(ref);
        preparation.submit(() -> prepare(updated));
        return updated;
    }

    /** Deletes the function, or with a qualifier one published version (not $LATEST, not one an alias uses). */
    public void delete(FunctionRef ref) {
        if (ref.qualifier().isEmpty()) {
            if (!store.deleteFunction(ref.accountId(), ref.region(), ref.name(), ref.arn())) {
                throw notFound(ref);
            }
        } else {
            String version = ref.qualifier().get();
            if (version.equals(FunctionVersion.LATEST)) {
                throw FunctionsException.invalidParameter("$LATEST version cannot be deleted without deleting the"
                        + " function.");
            }
            if (!version.matches("\\d+")) {
                throw FunctionsException.invalidParameter("Deletion of aliases is not currently supported.");
            }
            store.aliases(ref.accountId(), ref.region(), ref.name()).stream()
                    .filter(a -> a.functionVersion().equals(version) || a.additionalWeights().containsKey(version))
                    .findFirst().ifPresent(a -> {
                        throw FunctionsException.conflict("Unable to delete version because the following aliases"
                                + " reference it: [" + a.name() + "]");
                    });
            store.deleteVersion(ref.accountId(), ref.region(), ref.name(), version);
        }
        changed(ref);
        if (ref.qualifier().isEmpty()) {
            logs.forget(ref.arn());
        }
    }

    public FunctionVersion publishVersion(FunctionRef ref, Optional<String> codeSha256, Optional<String> revisionId,
            Optional<String> description) {
        FunctionVersion latest = store.version(ref.accountId(), ref.region(), ref.name(), FunctionVersion.LATEST)
                .orElseThrow(() -> notFound(ref.withoutQualifier()));
        checkRevision(latest.revisionId(), revisionId);
        if (codeSha256.isPresent() && !codeSha256.get().equals(latest.codeSha256())) {
            throw FunctionsException.invalidParameter("CodeSHA256 (" + codeSha256.get() + ") is different from current"
                    + " CodeSHA256 in $LATEST (" + latest.codeSha256() + "). Please try again with the CodeSHA256 in"
                    + " $LATEST.");
        }
        if (!latest.state().ready()) {
            throw FunctionsException.conflict("The operation cannot be performed at this time. An update is in"
                    + " progress for resource: " + latest.functionArn());
        }
        FunctionVersion published = store.publish(latest, (l, number) -> versionOf(l, number)
                .withDescription(description));
        evict(ref.arn());
        return published;
    }

    public List<FunctionVersion> versions(FunctionRef ref) {
        List<FunctionVersion> versions = store.versions(ref.accountId(), ref.region(), ref.name());
        if (versions.isEmpty()) {
            throw notFound(ref.withoutQualifier());
        }
        return versions;
    }

    // ---- concurrency

    public OptionalInt reservedConcurrency(FunctionRef ref) {
        get(ref.withoutQualifier());
        return store.reservedConcurrency(ref.accountId(), ref.region(), ref.name());
    }

    public int putReservedConcurrency(FunctionRef ref, int value) {
        get(ref.withoutQualifier());
        int others = store.reservedTotal(ref.accountId(), ref.region(), ref.name());
        if (value < 0 || others + value > ACCOUNT_CONCURRENCY - MIN_UNRESERVED) {
            throw FunctionsException.invalidParameter("Specified ReservedConcurrentExecutions for function decreases"
                    + " account's UnreservedConcurrentExecution below its minimum value of [" + MIN_UNRESERVED + "].");
        }
        store.setReservedConcurrency(ref.accountId(), ref.region(), ref.name(), value);
        evict(ref.arn());
        return value;
    }

    public void deleteReservedConcurrency(FunctionRef ref) {
        get(ref.withoutQualifier());
        store.setReservedConcurrency(ref.accountId(), ref.region(), ref.name(), null);
        evict(ref.arn());
    }

    /** Account-level figures GetAccountSettings reports. */
    public int unreservedConcurrency(String accountId, String region) {
        return ACCOUNT_CONCURRENCY - store.reservedTotal(accountId, region, "");
    }

    // ---- aliases

    public Alias createAlias(FunctionRef ref, String name, String version, String description,
            Map<String, Double> weights) {
        validateAliasName(name);
        checkAliasTarget(ref, version, weights);
        Alias alias = new Alias(ref.accountId(), ref.region(), ref.name(), name, version, description, weights,
                revision());
        store.createAlias(alias);
        evict(ref.arn());
        return alias;
    }

    public Alias alias(FunctionRef ref, String name) {
        return store.alias(ref.accountId(), ref.region(), ref.name(), name)
                .orElseThrow(() -> FunctionsException.notFound("Cannot find alias arn: " + ref.arn() + ":" + name));
    }

    public List<Alias> aliases(FunctionRef ref, Optional<String> version) {
        get(ref.withoutQualifier());
        return store.aliases(ref.accountId(), ref.region(), ref.name()).stream()
                .filter(a -> version.isEmpty() || a.functionVersion().equals(version.get())
                        || a.additionalWeights().containsKey(version.get()))
                .toList();
    }

    public Alias updateAlias(FunctionRef ref, String name, Optional<String> version, Optional<String> description,
            Optional<Map<String, Double>> weights, Optional<String> revisionId) {
        Alias current = alias(ref, name);
        checkRevision(current.revisionId(), revisionId);
        String newVersion = version.orElse(current.functionVersion());
        Map<String, Double> newWeights = weights.orElse(current.additionalWeights());
        checkAliasTarget(ref, newVersion, newWeights);
        Alias updated = new Alias(current.accountId(), current.region(), current.functionName(), name, newVersion,
                description.orElse(current.description()), newWeights, revision());
        store.updateAlias(updated);
        evict(ref.arn());
        return updated;
    }

    public void deleteAlias(FunctionRef ref, String name) {
        store.deleteAlias(ref.accountId(), ref.region(), ref.name(), name);
        evict(ref.arn());
    }

    // ---- asynchronous invocation settings

    /** The event invoke configuration of a qualifier ($LATEST when unqualified), if one was put. */
    public Optional<EventInvokeConfig> eventInvokeConfig(FunctionRef ref) {
        return store.invokeConfig(configKey(ref)).map(json -> Json.read(
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8), EventInvokeConfig.class));
    }

    public List<EventInvokeConfig> eventInvokeConfigs(FunctionRef ref) {
        get(ref.withoutQualifier());
        return store.invokeConfigs(ref.arn()).stream().map(json -> Json.read(
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8), EventInvokeConfig.class)).toList();
    }

    /**
     * PutFunctionEventInvokeConfig ({@code replace}) or UpdateFunctionEventInvokeConfig (merge into the
     * existing one): absent values keep the current (or default) ones.
     */
    public EventInvokeConfig putEventInvokeConfig(FunctionRef ref, Optional<Integer> retries, Optional<Integer> maxAge,
            Optional<Optional<String>> onSuccess, Optional<Optional<String>> onFailure, boolean replace) {
        get(ref);
        String key = configKey(ref);
        EventInvokeConfig base = replace ? EventInvokeConfig.defaults(key, clock.instant())
                : eventInvokeConfig(ref).orElseThrow(() -> FunctionsException.notFound(
                        "The function " + key + " doesn't have an EventInvokeConfig"));
        int r = retries.orElse(base.maximumRetryAttempts());
        int age = maxAge.orElse(base.maximumEventAgeSeconds());
        if (r < 0 || r > 2) {
            throw FunctionsException.invalid(Violation.of("maximumRetryAttempts", r,
                    "Member must have value less than or equal to 2"));
        }
        if (age < 60 || age > 21600) {
            throw FunctionsException.invalid(Violation.of("maximumEventAgeInSeconds", age, "Member must have value "
                    + (age < 60 ? "greater than or equal to 60" : "less than or equal to 21600")));
        }
        EventInvokeConfig config = new EventInvokeConfig(key, r, age, onSuccess.orElse(base.onSuccess()),
                onFailure.orElse(base.onFailure()), clock.instant());
        store.putInvokeConfig(key, Json.writeString(config), config.lastModified());
        return config;
    }

    public void deleteEventInvokeConfig(FunctionRef ref) {
        if (!store.deleteInvokeConfig(configKey(ref))) {
            throw FunctionsException.notFound("The function " + configKey(ref) + " doesn't have an EventInvokeConfig");
        }
    }

    /** The dead-letter queue of the version an async invocation ran, if configured. */
    public Optional<String> deadLetterTarget(FunctionRef ref) {
        try {
            return get(ref).settings().deadLetterTargetArn();
        } catch (FunctionsException gone) {
            return Optional.empty();
        }
    }

    private static String configKey(FunctionRef ref) {
        return ref.arn() + ":" + ref.qualifier().orElse(FunctionVersion.LATEST);
    }

    // ---- invocation

    /**
     * Invokes synchronously (RequestResponse): resolves the qualifier (an alias picks a version by its
     * weights), checks the payload and the function's state, and runs it.
     */
    public InvokeResult invoke(FunctionRef ref, byte[] payload, String requestId, Optional<String> clientContextJson)
            throws InterruptedException {
        if (payload.length > MAX_SYNC_PAYLOAD) {
            throw FunctionsException.of(FunctionsException.Kind.TOO_LARGE, "Request must be smaller than "
                    + MAX_SYNC_PAYLOAD + " bytes for the InvokeFunction operation");
        }
        Resolved target = resolve(ref);
        // Lambda hands a function "{}" when the caller sent no payload.
        byte[] event = payload.length == 0 ? EMPTY_EVENT : payload;
        InvokeResult result = invoker.invoke(target.spec(), target.version().revisionId(), event,
                new InvokeOptions(requestId, ref.qualifiedArn(), clientContextJson, Optional.empty()),
                target.concurrencyLimit());
        if (result.payload().length > MAX_SYNC_PAYLOAD) {
            byte[] error = Json.write(Json.object()
                    .put("errorMessage", "Response payload size exceeded maximum allowed payload size ("
                            + MAX_SYNC_PAYLOAD + " bytes).")
                    .put("errorType", "Function.ResponseSizeTooLarge"));
            return new InvokeResult(error, Optional.of("Unhandled"), result.log(), result.executedVersion(),
                    result.requestId());
        }
        return result;
    }

    /** Checks that an invoke of {@code ref} would be accepted now (DryRun, and Event before queueing). */
    public FunctionVersion checkInvocable(FunctionRef ref) {
        return resolve(ref).version();
    }

    private Resolved resolve(FunctionRef ref) {
        String qualifier = ref.qualifier().orElse(FunctionVersion.LATEST);
        String cacheKey = ref.arn() + ":" + qualifier;
        Resolved cached = resolved.get(cacheKey);
        if (cached == null) {
            cached = load(ref, qualifier);
            if (cached.version().state().ready()) {
                resolved.put(cacheKey, cached);
            }
        }
        FunctionState state = cached.version().state();
        if (!state.state().equals("Active")) {
            throw FunctionsException.conflict("The operation cannot be performed at this time. The function is"
                    + " currently in the following state: " + state.state());
        }
        return cached;
    }

    private Resolved load(FunctionRef ref, String qualifier) {
        String version = versionFor(ref, qualifier);
        FunctionVersion v = store.version(ref.accountId(), ref.region(), ref.name(), version)
                .orElseThrow(() -> notFound(ref));
        int limit = store.reservedConcurrency(ref.accountId(), ref.region(), ref.name())
                .orElseGet(() -> unreservedConcurrency(ref.accountId(), ref.region()));
        if (limit == 0) {
            throw FunctionsException.of(FunctionsException.Kind.THROTTLED, "Rate Exceeded.");
        }
        Path dir = v.state().state().equals("Active") ? code.unpack(v.codeSha256()) : Path.of("");
        VersionSpec spec = new VersionSpec(v.accountId(), v.region(), v.name(), v.functionArn(), v.version(),
                v.settings().runtime(), v.settings().handler(), v.settings().memorySizeMb(),
                v.settings().timeoutSeconds(), v.settings().environment(), dir, endpoint.get().toString(),
                credentials.apply(v.accountId()), v.settings().logging());
        return new Resolved(v, spec, limit);
    }

    /** The version a qualifier names; an alias with weights picks one at random by weight. */
    private String versionFor(FunctionRef ref, String qualifier) {
        if (qualifier.equals(FunctionVersion.LATEST) || qualifier.matches("\\d+")) {
            return qualifier;
        }
        Alias alias = store.alias(ref.accountId(), ref.region(), ref.name(), qualifier)
                .orElseThrow(() -> notFound(ref));
        double roll = ThreadLocalRandom.current().nextDouble();
        for (Map.Entry<String, Double> weight : alias.additionalWeights().entrySet()) {
            roll -= weight.getValue();
            if (roll < 0) {
                return weight.getKey();
            }
        }
        return alias.functionVersion();
    }

    // ---- helpers

    private void prepare(FunctionVersion version) {
        FunctionState outcome;
        try {
            code.unpack(version.codeSha256());
            outcome = FunctionState.active();
        } catch (RuntimeException e) {
            LOG.warn("Preparing code of {} failed", version.reportedArn(), e);
            outcome = FunctionState.failed("InvalidZipFileException", "Could not unpack the function's code.");
        }
        FunctionState finalState = outcome;
        try {
            store.update(version, current -> current.revisionId().equals(version.revisionId())
                    ? current.withState(finalState, revision()) : current);
            // Versions published from this $LATEST while it was pending share its code: ready them too.
            if (version.version().equals(FunctionVersion.LATEST)) {
                for (FunctionVersion other : store.versions(version.accountId(), version.region(), version.name())) {
                    if (!other.state().ready() && other.codeSha256().equals(version.codeSha256())) {
                        store.update(other, current -> current.withState(finalState, revision()));
                    }
                }
            }
        } catch (FunctionsException gone) {
            // deleted while its code was being prepared: nothing to mark
        }
        evict(version.functionArn());
    }

    private FunctionVersion versionOf(FunctionVersion latest, String number) {
        return new FunctionVersion(latest.accountId(), latest.region(), latest.name(), number, latest.settings(),
                latest.codeSha256(), latest.codeSize(), clock.instant(), revision(), latest.state());
    }

    private void changed(FunctionRef ref) {
        evict(ref.arn());
        invoker.retire(ref.arn());
    }

    private void evict(String functionArn) {
        resolved.keySet().removeIf(key -> key.startsWith(functionArn + ":"));
    }

    private FunctionVersion latestKey(FunctionRef ref) {
        if (ref.qualifier().isPresent() && !ref.qualifier().get().equals(FunctionVersion.LATEST)) {
            throw FunctionsException.invalidParameter("Please do not provide a qualifier or provide $LATEST as the"
                    + " qualifier.");
        }
        return store.version(ref.accountId(), ref.region(), ref.name(), FunctionVersion.LATEST)
                .orElseThrow(() -> notFound(ref.withoutQualifier()));
    }

    private void checkAliasTarget(FunctionRef ref, String version, Map<String, Double> weights) {
        if (!version.equals(FunctionVersion.LATEST)
                && store.version(ref.accountId(), ref.region(), ref.name(), version).isEmpty()) {
            throw FunctionsException.notFound("Function not found: " + ref.arn() + ":" + version);
        }
        if (store.version(ref.accountId(), ref.region(), ref.name(), FunctionVersion.LATEST).isEmpty()) {
            throw notFound(ref.withoutQualifier());
        }
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            if (w.getValue() < 0 || w.getValue() > 1) {
                throw FunctionsException.invalidParameter("Invalid function version weight: " + w.getValue());
            }
            if (w.getKey().equals(version)) {
                throw FunctionsException.invalidParameter("Invalid function version " + version + ". Function version "
                        + version + " is already included in routing configuration.");
            }
            if (store.version(ref.accountId(), ref.region(), ref.name(), w.getKey()).isEmpty()) {
                throw FunctionsException.invalidParameter("Function not found: " + ref.arn() + ":" + w.getKey());
            }
        }
        if (weights.size() > 1) {
            throw FunctionsException.invalidParameter("Number of items in AdditionalVersionWeights cannot be greater"
                    + " than 1");
        }
    }

    private FunctionSettings checkRuntime(FunctionSettings settings) {
        if (settings.runtime() == null) {
            throw FunctionsException.invalidParameter("Runtime is required for a function of package type Zip.");
        }
        Runtimes.refusal(settings.runtime()).ifPresent(refusal -> {
            throw refusal;
        });
        if (!invoker.supports(settings.runtime())) {
            throw FunctionsException.invalidParameter("The runtime parameter of " + settings.runtime() + " is not"
                    + " supported by Portico. Portico runs java, nodejs and python runtimes and provided.al2023/provided.al2"
                    + " (custom runtimes with a bootstrap).");
        }
        if (settings.handler() == null || settings.handler().isEmpty()) {
            throw FunctionsException.invalidParameter("Handler is required for a function of package type Zip.");
        }
        return settings;
    }

    private static void checkUpdatable(FunctionVersion current) {
        if (current.state().lastUpdateStatus().equals("InProgress")) {
            throw FunctionsException.conflict("The operation cannot be performed at this time. An update is in"
                    + " progress for resource: " + current.functionArn());
        }
    }

    private static void checkRevision(String current, Optional<String> expected) {
        if (expected.isPresent() && !expected.get().equals(current)) {
            throw FunctionsException.of(FunctionsException.Kind.PRECONDITION_FAILED, "The Revision Id provided does"
                    + " not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest"
                    + " Revision Id");
        }
    }

    /**
     * Lambda's limit on a new function's name, checked in its service code (the model allows 140 characters for
     * an ARN), hence an {@code INVALID_PARAMETER} refusal in a validation message's words.
     */
    static void validateName(String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw FunctionsException.of(FunctionsException.Kind.INVALID_PARAMETER, ValidationReport.of(Violation.of(
                    "functionName", name, "Member must have length less than or equal to " + MAX_NAME_LENGTH)));
        }
    }

    private static void validateAliasName(String name) {
        if (name == null || !name.matches("(?!^[0-9]+$)([a-zA-Z0-9-_]+)") || name.length() > 128) {
            throw FunctionsException.invalid(Violation.of("name", name,
                    "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)"));
        }
    }

    private static FunctionsException notFound(FunctionRef ref) {
        return FunctionsException.notFound("Function not found: " + ref.qualifiedArn());
    }

    private static String revision() {
        return UUID.randomUUID().toString();
    }
}
