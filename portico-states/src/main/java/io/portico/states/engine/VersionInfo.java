package io.portico.states.engine;

import java.time.Instant;
import java.util.Optional;

/** A published, immutable state machine version. */
public record VersionInfo(
        String arn,
        String machineArn,
        int version,
        String definition,
        String roleArn,
        Optional<String> description,
        String revisionId,
        Instant creationDate) {
}
