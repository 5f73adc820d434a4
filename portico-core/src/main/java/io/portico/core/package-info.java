/**
 * The shared foundation of every Portico module: JSON, the lifecycle contract ({@link io.portico.core.Component}),
 * the AWS protocol front and the store interface. Depends on nothing Portico-specific.
 */
package io.portico.core;
