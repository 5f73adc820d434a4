/**
 * JSONata-mode data processing for ASL states: evaluating {@code {% %}} templates against
 * {@code $states} and workflow variables, the functions Step Functions adds to JSONata, and the typed
 * checks (Items, Seconds, Timestamp, Condition, ...) with the messages AWS reports. Built on the dashjoin
 * port of jsonata-js; nothing here does I/O.
 */
package io.portico.states.asl.jsonata;
