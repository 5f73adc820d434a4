/**
 * The in-process Java runtime behind {@link io.portico.functions.engine.JavaRuntime}: a class loader
 * per execution environment over the function's code, bytecode rewriting that gives each environment
 * its own variables, output and exit, Lambda's handler resolution and serialization, and Lambda's
 * error documents. Internal to the engine; only {@code JavaRuntime} is meant to be used.
 */
package io.portico.functions.engine.java;
