/**
 * The in-process Java runtime behind {@link io.portico.functions.engine.JavaRuntime}: a class loader
 * per execution environment over the function's code, bytecode rewriting that gives each environment
 * its own variables, output and exit and puts checkpoints in its code, a sandbox thread per
 * environment that runs the code and can stop it, a heap guard that keeps functions from exhausting
 * Portico's heap, Lambda's handler resolution and serialization, and Lambda's error documents.
 * Internal to the engine; only {@code JavaRuntime} (and {@code HeapGuard}, to configure it) is meant
 * to be used.
 */
package io.portico.functions.engine.java;
