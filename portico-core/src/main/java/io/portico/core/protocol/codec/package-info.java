/**
 * The closed set of AWS wire protocols, one codec each ({@link io.portico.core.protocol.codec.WireCodec}):
 * each turns an HTTP request into an operation's input document and an output document or an
 * {@link io.portico.core.service.AwsError} back into that protocol's response, driven only by the
 * service's model.
 */
package io.portico.core.protocol.codec;
