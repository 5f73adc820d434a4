/**
 * The AWS wire edge: the {@link io.portico.core.protocol.ProtocolFront} handler that decodes AWS JSON
 * 1.0/1.1 and REST-JSON calls, verifies SigV4 ({@link io.portico.core.protocol.SigV4Verifier}) and
 * renders {@link io.portico.core.protocol.AwsError}s in the shape the AWS SDKs parse.
 */
package io.portico.core.protocol;
