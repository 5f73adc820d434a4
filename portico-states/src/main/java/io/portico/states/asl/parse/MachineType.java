package io.portico.states.asl.parse;

/** The two state machine types; some integrations (.sync, .waitForTaskToken) are STANDARD only. */
public enum MachineType {
    STANDARD,
    EXPRESS
}
