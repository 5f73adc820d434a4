/**
 * DynamoDB and DynamoDB Streams on the service kit. {@code engine.value}: attribute values, DynamoDB's
 * numbers, key ordering and item sizes; {@code engine.expression}: the expression language (condition,
 * key condition, filter, projection and update expressions, and the legacy parameters); {@code engine}:
 * tables, their indexes, TTL and stream settings; {@code engine.item}: items, index entries, Query and Scan,
 * the batches and stream records; {@code engine.stream}: reading streams, retention and the TTL sweeper;
 * {@code store}: their persistence; {@code api}: the
 * {@code DynamoDB_20120810} and {@code DynamoDBStreams_20120810} operations.
 */
package io.portico.tables;
