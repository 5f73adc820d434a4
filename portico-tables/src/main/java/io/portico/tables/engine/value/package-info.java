/**
 * DynamoDB's values, pure: {@link io.portico.tables.engine.value.AttributeValue} (one record per type),
 * {@link io.portico.tables.engine.value.DynamoNumber} (38-digit exact decimals),
 * the document form and its validation ({@link io.portico.tables.engine.value.AttributeValues}),
 * comparison rules, item sizes and the order-preserving key encoding a store indexes by.
 */
package io.portico.tables.engine.value;
