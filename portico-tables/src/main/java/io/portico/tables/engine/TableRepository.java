package io.portico.tables.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Where tables are kept: the engine says what it needs, the {@code store} package implements it. Every
 * method is one durable transaction; a change to a table reads and writes it in that one transaction, so
 * two concurrent UpdateTables never lose one another's change. Implementations are thread safe.
 */
public interface TableRepository {

    /** Brings the schema up to date (the engine calls this when it starts). */
    void migrate();

    /**
     * Stores {@code table} with its tags unless a table of its name exists in its account and region, in
     * one transaction.
     *
     * @return the existing table, if there was one (nothing was written then)
     */
    Optional<Table> insertIfAbsent(Table table, Map<String, String> tags);

    Optional<Table> find(TableRef ref);

    /**
     * Changes the table in one transaction: {@code change} sees the stored table and returns what to store
     * (it may throw to refuse, and nothing is written).
     *
     * @return the stored table, empty when there is no such table
     */
    Optional<Table> update(TableRef ref, UnaryOperator<Table> change);

    /**
     * Deletes the table with its tags, items and index entries (its stream is marked disabled; its records
     * stay until they age out) after {@code guard} has seen it and not thrown, in one transaction.
     *
     * @return the table as it was, empty when there is no such table
     */
    Optional<Table> delete(TableRef ref, Consumer<Table> guard);

    /** Names of the account's tables in the region, in name order, after {@code exclusiveStart}, at most {@code limit}. */
    List<String> names(String account, String region, Optional<String> exclusiveStart, int limit);

    SortedMap<String, String> tags(String arn);

    /**
     * Adds {@code tags} to the table if it exists, in one transaction with the check: tags written after a
     * concurrent DeleteTable would outlive the table and pass to the next table of its name.
     *
     * @return whether the table exists
     * @throws io.portico.core.tags.TagLimitExceededException if the table would have more than {@code limit}
     */
    boolean tagExisting(TableRef ref, Map<String, String> tags, int limit);

    /** Removes the tags {@code keys} from the table if it exists, in one transaction; whether it exists. */
    boolean untagExisting(TableRef ref, List<String> keys);
}
