package io.portico.tables.engine;

/** One entry of UpdateTable's {@code GlobalSecondaryIndexUpdates}: create, update or delete a global index. */
public sealed interface IndexChange {

    record Create(IndexRequest index) implements IndexChange {
    }

    record Update(String name, Throughput throughput) implements IndexChange {
    }

    record Delete(String name) implements IndexChange {
    }
}
