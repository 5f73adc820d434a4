package io.portico.states.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A state machine alias routing executions to one or two versions by weight. */
public record AliasInfo(
        String arn,
        String machineArn,
        String name,
        Optional<String> description,
        List<Route> routing,
        Instant creationDate,
        Instant updateDate) {

    public record Route(String versionArn, int weight) {
    }
}
