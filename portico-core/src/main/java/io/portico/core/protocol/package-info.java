/**
 * How calls reach services: the AWS wire edge, the {@link io.portico.core.protocol.ProtocolFront} handler
 * that verifies SigV4 ({@link io.portico.core.protocol.SigV4Verifier}), routes a request by the models
 * ({@link io.portico.core.protocol.Router}) and decodes and encodes it with the service's protocol codec
 * ({@code codec}: AWS JSON 1.0/1.1, REST-JSON, query, REST-XML), rendering
 * {@link io.portico.core.service.AwsError}s in the shape the AWS SDKs parse; and the in-process call bus
 * ({@link io.portico.core.protocol.InProcessCalls}), through which a service calls another's operation
 * with the caller's identity, exactly as the wire would.
 */
package io.portico.core.protocol;
