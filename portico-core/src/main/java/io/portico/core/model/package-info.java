/**
 * AWS's own service definitions as Portico's source of truth: the C2J JSON models (the shapes botocore
 * and the AWS SDKs are generated from) loaded into {@link io.portico.core.model.ServiceModel}s. They
 * decide which operations a service has, how each is routed and bound on the wire, the types of its
 * members and the constraints a request must satisfy.
 */
package io.portico.core.model;
