/**
 * Functions that run as worker processes speaking Lambda's Runtime API: {@code provided.al2023},
 * {@code provided.al2} and {@code provided} functions start their own {@code bootstrap}, and Java
 * functions can run under AWS's official runtime interface client instead of in Portico's JVM.
 * {@link io.portico.functions.engine.process.ProcessRuntime} is the entry point; each of its
 * environments owns one worker process at a time and serves it the Runtime API on a port of its own
 * on 127.0.0.1.
 */
package io.portico.functions.engine.process;
