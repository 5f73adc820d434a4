/**
 * Lambda event source mappings from DynamoDB streams: the mappings themselves
 * ({@link io.portico.functions.engine.mappings.EventSourceMappings}), kept through
 * {@link io.portico.functions.engine.mappings.MappingRepository}, and the durable consumer
 * ({@link io.portico.functions.engine.mappings.StreamPoller}) that reads a stream through the
 * {@link io.portico.functions.engine.ChangeStreams} port and invokes the function with Lambda's
 * {@code DynamodbEvent}.
 */
package io.portico.functions.engine.mappings;
