/**
 * Services on the kit: a {@link io.portico.core.service.ServiceApi} (an AWS model, one handler per
 * operation, and how the service's errors read), the registry of all of them that runs a call
 * ({@link io.portico.core.service.Services}), the one error value
 * ({@link io.portico.core.service.AwsError}), and the {@link io.portico.core.service.CallBus} services see.
 * Knows no protocol: {@code io.portico.core.protocol} builds on this package.
 */
package io.portico.core.service;
