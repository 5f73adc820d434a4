/**
 * Client tokens (idempotency tokens): a client's retry of a create or a transaction, sent with the same
 * token, gets the first call's answer instead of doing the work twice. {@link
 * io.portico.core.idempotency.ClientTokens} remembers each token with a fingerprint of the request and
 * the stored result for a window the service chooses, inside the service's own transaction.
 */
package io.portico.core.idempotency;
