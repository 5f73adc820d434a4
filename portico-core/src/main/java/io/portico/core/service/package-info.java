/**
 * Services on the kit: a {@link io.portico.core.service.ServiceApi} (an AWS model, one handler per
 * operation, and how the service's errors read), the registry of all of them
 * ({@link io.portico.core.service.Services}), which is also the in-process call bus through which any
 * service calls any operation of another with the caller's identity, exactly as the wire would.
 */
package io.portico.core.service;
