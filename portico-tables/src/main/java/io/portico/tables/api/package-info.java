/**
 * The DynamoDB wire API: {@link io.portico.tables.api.DynamoDbApi} registers a handler per served
 * operation of the {@code DynamoDB_20120810} model and maps the engine's refusals to DynamoDB's codes.
 * Handlers read the kit's input documents and write output documents; they never see HTTP.
 */
package io.portico.tables.api;
