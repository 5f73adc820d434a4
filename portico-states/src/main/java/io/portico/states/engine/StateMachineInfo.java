package io.portico.states.engine;

import io.portico.states.asl.parse.MachineType;
import java.time.Instant;
import java.util.Optional;

/**
 * A state machine as stored: its latest definition and settings. {@code lastVersion} is the highest
 * version number ever published (versions are never renumbered, even after deletes).
 */
public record StateMachineInfo(
        String arn,
        String account,
        String region,
        String name,
        MachineType type,
        String definition,
        String roleArn,
        Instant creationDate,
        Optional<String> description,
        String revisionId,
        Optional<String> loggingConfiguration,
        Optional<String> tracingConfiguration,
        int lastVersion) {
}
