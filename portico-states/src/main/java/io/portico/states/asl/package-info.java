/**
 * The Amazon States Language itself: the definition model (a sealed {@link io.portico.states.asl.State}
 * per state type), its parser and validator, and the data-processing languages a state evaluates
 * (JSONPath with payload templates and intrinsic functions, and JSONata). Nothing here runs an
 * execution or does I/O; the interpreter in {@code io.portico.states.engine} drives these pieces.
 */
package io.portico.states.asl;
