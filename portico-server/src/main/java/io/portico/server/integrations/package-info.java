/**
 * Adapters between services, wired in the server so that no service module depends on a sibling:
 * each implements an interface the calling module owns on top of the called module's Java API.
 */
package io.portico.server.integrations;
