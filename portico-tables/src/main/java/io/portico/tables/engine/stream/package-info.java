/**
 * DynamoDB Streams without the wire: a table's streams as the store keeps them ({@link
 * io.portico.tables.engine.stream.StreamRepository}), their shards (ranges of the stream's sequence numbers,
 * rolled over every four hours), AWS-shaped sequence numbers, tamper-proof shard iterators, and the
 * background sweeps (rollover, 24-hour retention, TTL deletions) on the injected clock. {@link io.portico.tables.engine.stream.Streams} is the entry point: what the
 * DynamoDB Streams API serves and what an in-process consumer (Lambda event source mappings) reads.
 */
package io.portico.tables.engine.stream;
