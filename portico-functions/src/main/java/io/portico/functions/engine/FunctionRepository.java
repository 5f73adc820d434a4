package io.portico.functions.engine;

import io.portico.core.paging.PageTokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Where functions, versions, aliases, tags and per-function settings are kept. The engine owns this
 * interface; the module's {@code store} package implements it over the platform store
 * ({@code io.portico.functions.store.FunctionStore}). Each change is one transaction, durable when it
 * returns; failures that Lambda reports (a name taken, a function gone) are {@link FunctionsException}s
 * ({@code CONFLICT}, {@code NOT_FOUND}). Implementations are thread safe; nothing is null except where a
 * parameter says so.
 */
public interface FunctionRepository {

    /**
     * Inserts a new function with its {@code $LATEST} and its tags; {@code CONFLICT} if the
     * name is taken. Of concurrent creates of one name exactly one succeeds and the others get the
     * conflict.
     */
    void create(FunctionVersion latest, Map<String, String> tags);

    Optional<FunctionVersion> version(String account, String region, String name, String version);

    /** Versions whose code preparation has not finished (Pending, or an update InProgress), in every scope. */
    List<FunctionVersion> pendingVersions();

    /** Every function's {@code $LATEST} in the scope, by name. */
    List<FunctionVersion> latestVersions(String account, String region);

    /** Every version of every function in the scope (ListFunctions with FunctionVersion=ALL). */
    List<FunctionVersion> allVersions(String account, String region);

    /** {@code $LATEST} first, then published versions in number order, as ListVersionsByFunction lists them. */
    List<FunctionVersion> versions(String account, String region, String name);

    /**
     * Applies {@code change} to the current row of {@code key} in one transaction and returns the
     * result; {@code NOT_FOUND} if it is gone.
     */
    FunctionVersion update(FunctionVersion key, UnaryOperator<FunctionVersion> change);

    /**
     * Publishes {@code $LATEST} as the next version number unless the newest published version already
     * has the same code and settings (Lambda then returns that one). {@code build} makes the version
     * row from $LATEST and the number.
     */
    FunctionVersion publish(FunctionVersion latest, BiFunction<FunctionVersion, String, FunctionVersion> build);

    /** Deletes a whole function: versions, aliases, concurrency, tags and invoke configurations. */
    boolean deleteFunction(String account, String region, String name, String functionArn);

    boolean deleteVersion(String account, String region, String name, String version);

    OptionalInt reservedConcurrency(String account, String region, String name);

    /** Sets (or with a null {@code value} clears) the function's reserved concurrency. */
    void setReservedConcurrency(String account, String region, String name, Integer value);

    /** Sum of reserved concurrency over the scope's functions other than {@code except}. */
    int reservedTotal(String account, String region, String except);

    /** Creates an alias; {@code CONFLICT} if the name is taken. */
    void createAlias(Alias alias);

    Optional<Alias> alias(String account, String region, String functionName, String name);

    List<Alias> aliases(String account, String region, String functionName);

    void updateAlias(Alias alias);

    void deleteAlias(String account, String region, String functionName, String name);

    /** The function's tags sorted by key; a new mutable map. */
    Map<String, String> tags(String arn);

    /** Adds or overwrites tags; {@code INVALID_PARAMETER} past Lambda's limit (50), as Lambda answers. */
    void tag(String arn, Map<String, String> tags);

    /** Removes the tags with these keys; absent keys are ignored. */
    void untag(String arn, List<String> keys);

    /** The event invoke configuration (a JSON document) of a qualified function ARN, if any. */
    Optional<String> invokeConfig(String qualifiedArn);

    /** The event invoke configurations of a function and all its qualifiers. */
    List<String> invokeConfigs(String functionArn);

    void putInvokeConfig(String qualifiedArn, String config, Instant at);

    boolean deleteInvokeConfig(String qualifiedArn);

    /** The page tokens of Lambda's list operations (Marker), keyed durably so that they survive a restart. */
    PageTokens pageTokens();
}
