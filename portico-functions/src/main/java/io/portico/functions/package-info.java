/**
 * Lambda: functions, versions and aliases ({@code api}, {@code store}), and the runtimes that run
 * them ({@code engine}): Java handlers in process, other languages as worker processes speaking the
 * Lambda Runtime API.
 */
package io.portico.functions;
