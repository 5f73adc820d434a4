package io.portico.functions.engine.mappings;

import java.util.List;
import java.util.Optional;

/**
 * How the engine keeps event source mappings and their shard cursors; implemented over the platform
 * store in the {@code store} package. Thread safe; each method is one transaction.
 */
public interface MappingRepository {

    /**
     * Inserts {@code mapping} with its initial cursors, unless a mapping of the same event source and
     * function exists, which is returned instead (nothing is written then).
     */
    Optional<EventSourceMapping> insertUnlessDuplicate(EventSourceMapping mapping, List<ShardCursor> cursors);

    Optional<EventSourceMapping> get(String accountId, String region, String uuid);

    /** Any account's mapping, for its poller. */
    Optional<EventSourceMapping> get(String uuid);

    /** The mappings of one account and region, oldest first. */
    List<EventSourceMapping> list(String accountId, String region);

    /** Every enabled mapping, for resuming their pollers at start. */
    List<EventSourceMapping> enabled();

    void update(EventSourceMapping mapping);

    /** Sets LastProcessingResult only (the poller's note), leaving settings as the user last wrote them. */
    void recordResult(String uuid, String lastProcessingResult);

    /** Deletes the mapping and its cursors; false if it was not there. */
    boolean delete(String uuid);

    List<ShardCursor> cursors(String uuid);

    /** Writes (inserts or replaces) one cursor of the mapping. Durable when this returns. */
    void saveCursor(String uuid, ShardCursor cursor);

    /**
     * Deletes the cursors keyed {@code removed} and writes {@code added}, in one transaction: a shard's lanes
     * re-partitioned after its ParallelizationFactor changed, or (nothing added) the cursors of shards trimmed
     * away.
     */
    void replaceCursors(String uuid, List<String> removed, List<ShardCursor> added);
}
