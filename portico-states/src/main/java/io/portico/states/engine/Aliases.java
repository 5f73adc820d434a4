package io.portico.states.engine;

import io.portico.core.validation.Violation;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * State machine aliases: a name that routes new executions to one version, or splits them between two
 * by weight. The routing rules (one or two versions of the same machine, weights summing to 100) and
 * the messages are AWS's. Thread safe.
 */
public final class Aliases {
    private final ResourceRepository store;
    private final StateMachines machines;
    private final Clock clock;

    public Aliases(ResourceRepository store, StateMachines machines, Clock clock) {
        this.store = store;
        this.machines = machines;
        this.clock = clock;
    }

    public AliasInfo create(String name, Optional<String> description, List<AliasInfo.Route> routing) {
        Names.check(name);
        if (name.chars().allMatch(Character::isDigit)) {
            throw StepFunctionsException.invalidRequest("Alias name cannot be a number: '" + name + "'");
        }
        String machineArn = checkRouting(routing);
        String arn = machineArn + ":" + name;
        Optional<AliasInfo> existing = store.findAlias(arn);
        if (existing.isPresent()) {
            AliasInfo e = existing.get();
            if (e.routing().equals(routing) && e.description().equals(description)) {
                return e;
            }
            throw StepFunctionsException.conflict("Failed to create alias because an alias with the same name "
                    + "and a different routing configuration already exists.");
        }
        Instant now = clock.instant();
        AliasInfo alias = new AliasInfo(arn, machineArn, name, description, List.copyOf(routing), now, now);
        store.putAlias(alias);
        return alias;
    }

    public AliasInfo describe(String aliasArn) {
        return store.findAlias(aliasArn).orElseThrow(() -> StepFunctionsException.resourceNotFound(aliasArn));
    }

    public Instant update(String aliasArn, Optional<String> description, Optional<List<AliasInfo.Route>> routing) {
        AliasInfo current = describe(aliasArn);
        routing.ifPresent(this::checkRouting);
        Instant now = clock.instant();
        store.putAlias(new AliasInfo(current.arn(), current.machineArn(), current.name(),
                description.or(current::description), routing.orElse(current.routing()), current.creationDate(), now));
        return now;
    }

    public void delete(String aliasArn) {
        store.deleteAlias(aliasArn);
    }

    public List<AliasInfo> list(String machineArn) {
        machines.describe(machineArn);
        return store.aliases(machineArn);
    }

    private String checkRouting(List<AliasInfo.Route> routing) {
        if (routing.isEmpty() || routing.size() > 2) {
            throw StepFunctionsException.invalid(Violation.unprinted("routingConfiguration",
                    "Member must have length less than or equal to 2"));
        }
        int total = 0;
        String machineArn = null;
        for (AliasInfo.Route route : routing) {
            String owner = StateMachines.machineArnOf(route.versionArn());
            if (machineArn != null && !machineArn.equals(owner)) {
                throw StepFunctionsException.invalidRequest(
                        "Routing configuration must contain state machine version ARNs of the same state machine.");
            }
            machineArn = owner;
            if (machines.version(route.versionArn()).isEmpty()) {
                throw StepFunctionsException.resourceNotFound(route.versionArn());
            }
            total += route.weight();
        }
        if (new HashSet<>(routing.stream().map(AliasInfo.Route::versionArn).toList()).size() != routing.size()) {
            throw StepFunctionsException.invalidRequest(
                    "Routing configuration must contain distinct state machine version ARNs.");
        }
        if (total != 100) {
            throw StepFunctionsException.invalidRequest("Sum of routing configuration weights must be equal to 100.");
        }
        return machineArn;
    }
}
