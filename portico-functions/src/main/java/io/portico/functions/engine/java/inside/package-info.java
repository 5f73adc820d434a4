/**
 * Classes that Portico defines anew inside every function class loader, never used from Portico's own
 * loader: {@link io.portico.functions.engine.java.inside.EnvironmentHooks}, what rewritten function
 * code calls instead of {@code System.getenv}, {@code System.out} and {@code System.exit}, and
 * {@link io.portico.functions.engine.java.inside.SerializationBridge}, which reaches the function's own
 * copy of Lambda's serialization library. Being defined once per environment, their static fields are
 * the state of that one environment. They may use only JDK types, aws-lambda-java-core and
 * aws-lambda-java-serialization: nothing else of Portico is visible from a function loader.
 */
package io.portico.functions.engine.java.inside;
