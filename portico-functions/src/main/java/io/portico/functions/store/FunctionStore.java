package io.portico.functions.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.portico.core.json.Json;
import io.portico.core.paging.PageTokens;
import io.portico.core.store.Insertion;
import io.portico.core.store.NewRow;
import io.portico.core.store.Row;
import io.portico.core.store.Store;
import io.portico.core.store.StoreTransaction;
import io.portico.core.tags.TagLimitExceededException;
import io.portico.core.tags.TagTable;
import io.portico.functions.engine.Alias;
import io.portico.functions.engine.FunctionRepository;
import io.portico.functions.engine.FunctionSettings;
import io.portico.functions.engine.FunctionState;
import io.portico.functions.engine.FunctionVersion;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.FunctionsException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Functions, versions, aliases and per-function settings in the store; tags in the kit's
 * {@link TagTable} (at most {@value Functions#TAG_LIMIT} per function, as on Lambda). This is the engine's
 * {@link FunctionRepository}, which {@code portico-server} creates here and hands to the engine; creating
 * one brings the module's schema up to date. Thread safe.
 */
public final class FunctionStore implements FunctionRepository {
    private static final String VERSION_COLUMNS = "account, region, name, version, settings, code_sha256, code_size, "
            + "last_modified_ms, revision_id, state";
    private static final String ALIAS_COLUMNS = "account, region, function_name, name, function_version, description, "
            + "weights, revision_id";
    private static final TypeReference<Map<String, Double>> WEIGHTS = new TypeReference<>() { };

    private final Store store;
    private final TagTable tags;
    private final PageTokens pageTokens;

    /** Lambda's repository in {@code store}, its page tokens aging on {@code clock}; migrates the schema. */
    public FunctionStore(Store store, Clock clock) {
        this.store = store;
        this.pageTokens = PageTokens.of(store, clock);
        this.tags = TagTable.of(store);
        tags.migrate(); // first: the functions schema's migration 2 moves old tags into it
        FunctionsSchema.migrate(store);
    }

    /**
     * Inserts a new function with its {@code $LATEST} and its tags; {@code CONFLICT} if the
     * name is taken. The name is claimed by one insert-if-absent, so of concurrent creates of one name
     * exactly one succeeds and the others get the conflict, never a constraint failure.
     */
    @Override
    public void create(FunctionVersion latest, Map<String, String> newTags) {
        NewRow row = NewRow.into("lambda_functions").key("account", latest.accountId()).key("region", latest.region())
                .key("name", latest.name()).build();
        store.write(tx -> {
            if (tx.insertIfAbsent(row, r -> r.string("name")) instanceof Insertion.Existing) {
                throw FunctionsException.conflict("Function already exist: " + latest.name());
            }
            insertVersion(tx, latest);
            withTagLimit(() -> tags.in(tx).tag(latest.functionArn(), newTags, Functions.TAG_LIMIT));
            return null;
        });
    }

    @Override
    public Optional<FunctionVersion> version(String account, String region, String name, String version) {
        return store.read(tx -> tx.queryOne("SELECT " + VERSION_COLUMNS + " FROM lambda_versions WHERE account=? AND "
                + "region=? AND name=? AND version=?", FunctionStore::version, account, region, name, version));
    }

    /** Versions whose code preparation has not finished (Pending, or an update InProgress), in every scope. */
    @Override
    public List<FunctionVersion> pendingVersions() {
        return store.read(tx -> tx.query("SELECT " + VERSION_COLUMNS + " FROM lambda_versions WHERE state LIKE ? "
                + "OR state LIKE ?", FunctionStore::version, "%\"Pending\"%", "%\"InProgress\"%"));
    }

    /** Every function's {@code $LATEST} in the scope, by name. */
    @Override
    public List<FunctionVersion> latestVersions(String account, String region) {
        return store.read(tx -> tx.query("SELECT " + VERSION_COLUMNS + " FROM lambda_versions WHERE account=? AND "
                + "region=? AND version='$LATEST' ORDER BY name", FunctionStore::version, account, region));
    }

    /** Every version of every function in the scope (ListFunctions with FunctionVersion=ALL). */
    @Override
    public List<FunctionVersion> allVersions(String account, String region) {
        return store.read(tx -> tx.query("SELECT " + VERSION_COLUMNS + " FROM lambda_versions WHERE account=? AND "
                + "region=? ORDER BY name, LENGTH(version), version", FunctionStore::version, account, region));
    }

    /** {@code $LATEST} first, then published versions in number order, as ListVersionsByFunction lists them. */
    @Override
    public List<FunctionVersion> versions(String account, String region, String name) {
        return store.read(tx -> tx.query("SELECT " + VERSION_COLUMNS + " FROM lambda_versions WHERE account=? AND "
                        + "region=? AND name=? ORDER BY CASE WHEN version='$LATEST' THEN 0 ELSE 1 END, "
                        + "LENGTH(version), version", FunctionStore::version, account, region, name));
    }

    /**
     * Applies {@code change} to the current row of {@code version} in one transaction and returns the
     * result; {@code NOT_FOUND} if it is gone.
     */
    @Override
    public FunctionVersion update(FunctionVersion key, UnaryOperator<FunctionVersion> change) {
        return store.write(tx -> {
            FunctionVersion current = tx.queryOne("SELECT " + VERSION_COLUMNS + " FROM lambda_versions WHERE account=? "
                            + "AND region=? AND name=? AND version=?", FunctionStore::version,
                    key.accountId(), key.region(), key.name(), key.version())
                    .orElseThrow(() -> FunctionsException.notFound("Function not found: " + key.reportedArn()));
            FunctionVersion next = change.apply(current);
            tx.update("UPDATE lambda_versions SET settings=?, code_sha256=?, code_size=?, last_modified_ms=?, "
                            + "revision_id=?, state=? WHERE account=? AND region=? AND name=? AND version=?",
                    Json.writeString(next.settings()), next.codeSha256(), next.codeSize(),
                    next.lastModified().toEpochMilli(), next.revisionId(), Json.writeString(next.state()),
                    key.accountId(), key.region(), key.name(), key.version());
            return next;
        });
    }

    /**
     * Publishes {@code $LATEST} as the next version number unless the newest published version already
     * has the same code and settings (Lambda then returns that one). {@code build} makes the version
     * row from $LATEST and the number.
     */
    @Override
    public FunctionVersion publish(FunctionVersion latest, BiFunction<FunctionVersion, String, FunctionVersion> build) {
        return store.write(tx -> {
            int last = tx.queryOne("SELECT last_version FROM lambda_functions WHERE account=? AND region=? AND name=?",
                            r -> (int) r.longValue("last_version"), latest.accountId(), latest.region(), latest.name())
                    .orElseThrow(() -> FunctionsException.notFound("Function not found: " + latest.functionArn()));
            if (last > 0) {
                Optional<FunctionVersion> newest = tx.queryOne("SELECT " + VERSION_COLUMNS + " FROM lambda_versions "
                                + "WHERE account=? AND region=? AND name=? AND version=?", FunctionStore::version,
                        latest.accountId(), latest.region(), latest.name(), Integer.toString(last));
                if (newest.isPresent() && newest.get().codeSha256().equals(latest.codeSha256())
                        && sameConfiguration(newest.get().settings(), latest.settings())) {
                    return newest.get();
                }
            }
            FunctionVersion published = build.apply(latest, Integer.toString(last + 1));
            tx.update("UPDATE lambda_functions SET last_version=? WHERE account=? AND region=? AND name=?",
                    last + 1, latest.accountId(), latest.region(), latest.name());
            insertVersion(tx, published);
            return published;
        });
    }

    /** Deletes a whole function: versions, aliases, concurrency, tags and invoke configurations. */
    @Override
    public boolean deleteFunction(String account, String region, String name, String functionArn) {
        return store.write(tx -> {
            int deleted = tx.update("DELETE FROM lambda_functions WHERE account=? AND region=? AND name=?",
                    account, region, name);
            tx.update("DELETE FROM lambda_versions WHERE account=? AND region=? AND name=?", account, region, name);
            tx.update("DELETE FROM lambda_aliases WHERE account=? AND region=? AND function_name=?", account, region, name);
            tags.in(tx).deleteAll(functionArn);
            tx.update("DELETE FROM lambda_invoke_configs WHERE function_arn=? OR function_arn LIKE ?",
                    functionArn, functionArn + ":%");
            return deleted > 0;
        });
    }

    @Override
    public boolean deleteVersion(String account, String region, String name, String version) {
        return store.write(tx -> tx.update("DELETE FROM lambda_versions WHERE account=? AND region=? AND name=? "
                + "AND version=?", account, region, name, version) > 0);
    }

    @Override
    public OptionalInt reservedConcurrency(String account, String region, String name) {
        return store.read(tx -> tx.queryOne("SELECT reserved_concurrency FROM lambda_functions WHERE account=? AND "
                        + "region=? AND name=?", r -> Optional.ofNullable(r.nullableLong("reserved_concurrency")),
                        account, region, name))
                .flatMap(v -> v)
                .map(v -> OptionalInt.of(v.intValue())).orElse(OptionalInt.empty());
    }

    /** Sets (or with null clears) the function's reserved concurrency. */
    @Override
    public void setReservedConcurrency(String account, String region, String name, Integer value) {
        store.write(tx -> tx.update("UPDATE lambda_functions SET reserved_concurrency=? WHERE account=? AND region=? "
                + "AND name=?", value, account, region, name));
    }

    /** Sum of reserved concurrency over the scope's functions other than {@code except}. */
    @Override
    public int reservedTotal(String account, String region, String except) {
        return store.read(tx -> tx.queryOne("SELECT COALESCE(SUM(reserved_concurrency), 0) AS total FROM "
                        + "lambda_functions WHERE account=? AND region=? AND name<>?", r -> (int) r.longValue("total"),
                account, region, except)).orElse(0);
    }

    // ---- aliases

    @Override
    public void createAlias(Alias alias) {
        store.write(tx -> {
            if (tx.queryOne("SELECT name FROM lambda_aliases WHERE account=? AND region=? AND function_name=? AND name=?",
                    r -> r.string("name"), alias.accountId(), alias.region(), alias.functionName(), alias.name())
                    .isPresent()) {
                throw FunctionsException.conflict("Alias already exists: " + alias.arn());
            }
            return tx.update("INSERT INTO lambda_aliases (" + ALIAS_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)",
                    alias.accountId(), alias.region(), alias.functionName(), alias.name(), alias.functionVersion(),
                    alias.description(), Json.writeString(alias.additionalWeights()), alias.revisionId());
        });
    }

    @Override
    public Optional<Alias> alias(String account, String region, String functionName, String name) {
        return store.read(tx -> tx.queryOne("SELECT " + ALIAS_COLUMNS + " FROM lambda_aliases WHERE account=? AND "
                + "region=? AND function_name=? AND name=?", FunctionStore::alias, account, region, functionName, name));
    }

    @Override
    public List<Alias> aliases(String account, String region, String functionName) {
        return store.read(tx -> tx.query("SELECT " + ALIAS_COLUMNS + " FROM lambda_aliases WHERE account=? AND "
                + "region=? AND function_name=? ORDER BY name", FunctionStore::alias, account, region, functionName));
    }

    @Override
    public void updateAlias(Alias alias) {
        store.write(tx -> tx.update("UPDATE lambda_aliases SET function_version=?, description=?, weights=?, "
                        + "revision_id=? WHERE account=? AND region=? AND function_name=? AND name=?",
                alias.functionVersion(), alias.description(), Json.writeString(alias.additionalWeights()),
                alias.revisionId(), alias.accountId(), alias.region(), alias.functionName(), alias.name()));
    }

    @Override
    public void deleteAlias(String account, String region, String functionName, String name) {
        store.write(tx -> tx.update("DELETE FROM lambda_aliases WHERE account=? AND region=? AND function_name=? "
                + "AND name=?", account, region, functionName, name));
    }

    // ---- tags

    /** The function's tags sorted by key; a new mutable map. */
    @Override
    public Map<String, String> tags(String arn) {
        return tags.list(arn);
    }

    /** Adds or overwrites tags; {@code INVALID_PARAMETER} past {@value Functions#TAG_LIMIT}, as Lambda answers. */
    @Override
    public void tag(String arn, Map<String, String> newTags) {
        withTagLimit(() -> tags.tag(arn, newTags, Functions.TAG_LIMIT));
    }

    @Override
    public void untag(String arn, List<String> keys) {
        tags.untag(arn, keys);
    }

    private static void withTagLimit(Runnable tagging) {
        try {
            tagging.run();
        } catch (TagLimitExceededException e) {
            throw FunctionsException.tooManyTags();
        }
    }

    // ---- event invoke configurations (JSON documents keyed by the qualified function ARN)

    @Override
    public Optional<String> invokeConfig(String qualifiedArn) {
        return store.read(tx -> tx.queryOne("SELECT config FROM lambda_invoke_configs WHERE function_arn=?",
                r -> r.string("config"), qualifiedArn));
    }

    @Override
    public List<String> invokeConfigs(String functionArn) {
        return store.read(tx -> tx.query("SELECT config FROM lambda_invoke_configs WHERE function_arn=? OR "
                + "function_arn LIKE ? ORDER BY function_arn", r -> r.string("config"), functionArn, functionArn + ":%"));
    }

    @Override
    public void putInvokeConfig(String qualifiedArn, String config, Instant at) {
        store.write(tx -> tx.update("INSERT INTO lambda_invoke_configs (function_arn, config, last_modified_ms) "
                        + "VALUES (?,?,?) ON CONFLICT (function_arn) DO UPDATE SET config=excluded.config, "
                        + "last_modified_ms=excluded.last_modified_ms", qualifiedArn, config, at.toEpochMilli()));
    }

    @Override
    public boolean deleteInvokeConfig(String qualifiedArn) {
        return store.write(tx -> tx.update("DELETE FROM lambda_invoke_configs WHERE function_arn=?", qualifiedArn) > 0);
    }

    /** Equal apart from the description, which PublishVersion may set on the version itself. */
    private static boolean sameConfiguration(FunctionSettings a, FunctionSettings b) {
        return a.equals(b.withDescription(a.description()));
    }

    // ---- row mapping

    private static void insertVersion(StoreTransaction tx, FunctionVersion v) {
        tx.update("INSERT INTO lambda_versions (" + VERSION_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)",
                v.accountId(), v.region(), v.name(), v.version(), Json.writeString(v.settings()), v.codeSha256(),
                v.codeSize(), v.lastModified().toEpochMilli(), v.revisionId(), Json.writeString(v.state()));
    }

    private static FunctionVersion version(Row r) {
        return new FunctionVersion(r.string("account"), r.string("region"), r.string("name"), r.string("version"),
                Json.read(r.string("settings").getBytes(java.nio.charset.StandardCharsets.UTF_8), FunctionSettings.class),
                r.string("code_sha256"), r.longValue("code_size"), Instant.ofEpochMilli(r.longValue("last_modified_ms")),
                r.string("revision_id"),
                Json.read(r.string("state").getBytes(java.nio.charset.StandardCharsets.UTF_8), FunctionState.class));
    }

    private static Alias alias(Row r) {
        try {
            return new Alias(r.string("account"), r.string("region"), r.string("function_name"), r.string("name"),
                    r.string("function_version"), r.string("description"),
                    Json.mapper().readValue(r.string("weights"), WEIGHTS), r.string("revision_id"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Corrupt alias row " + r.string("name"), e);
        }
    }

    @Override
    public PageTokens pageTokens() {
        return pageTokens;
    }
}
