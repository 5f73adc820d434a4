/**
 * Resource tags for every service in one table, keyed by the resource's ARN: TagResource, UntagResource
 * and ListTags(ForResource) of any service are calls on {@link io.portico.core.tags.TagTable}, inside
 * the service's own transaction when the tags change with the resource (tags given at create, tags
 * dropped at delete). Each service passes its own per-resource limit and maps
 * {@link io.portico.core.tags.TagLimitExceededException} to its own AWS error.
 */
package io.portico.core.tags;
