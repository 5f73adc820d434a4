package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.arn.Arn;
import io.portico.core.json.Json;
import io.portico.core.store.Insertion;
import io.portico.states.asl.Definition;
import io.portico.states.asl.parse.DefinitionParser;
import io.portico.states.asl.parse.InvalidDefinitionException;
import io.portico.states.asl.parse.MachineType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * State machines, their versions and aliases: validation, ARNs, persistence, and a cache of parsed
 * definitions so that starting an execution never re-parses its definition.
 *
 * <p>CreateStateMachine is idempotent on AWS: a repeat with the same name, definition, type, logging
 * and tracing configuration, publish flag and version description answers the existing machine (a
 * different role ARN or tags are ignored, and not applied); any other difference is
 * StateMachineAlreadyExists. The store inserts or finds in one statement, so concurrent creates of one
 * name get exactly these answers, never a constraint failure.
 *
 * <p>ARNs: {@code arn:aws:states:<region>:<account>:stateMachine:<name>}, a version appends
 * {@code :<n>}, an alias appends {@code :<aliasName>}. Thread safe.
 */
public final class StateMachines {
    /** What DescribeStateMachine reports when CreateStateMachine set no logging or tracing configuration. */
    private static final String DEFAULT_LOGGING = "{\"level\":\"OFF\",\"includeExecutionData\":false}";
    private static final String DEFAULT_TRACING = "{\"enabled\":false}";

    private final StateMachineRepository machines;
    private final ResourceRepository resources;
    private final Clock clock;
    private final Map<String, Definition> parsed = new ConcurrentHashMap<>();

    public StateMachines(StateMachineRepository machines, ResourceRepository resources, Clock clock) {
        this.machines = machines;
        this.resources = resources;
        this.clock = clock;
    }

    /** What CreateStateMachine asks for. */
    public record CreateRequest(String account, String region, String name, String definition, String roleArn,
                                MachineType type, Optional<String> loggingConfiguration,
                                Optional<String> tracingConfiguration, boolean publish,
                                Optional<String> versionDescription, Map<String, String> tags) {
    }

    /** A resolved target of an execution: the machine, the definition to run, and the version/alias used. */
    public record Target(StateMachineInfo machine, String definitionText, Definition definition,
                         Optional<String> versionArn, Optional<String> aliasArn) {
    }

    public StateMachineInfo create(CreateRequest r) {
        Names.check(r.name());
        if (r.versionDescription().isPresent() && !r.publish()) {
            throw StepFunctionsException.invalidRequest("Version description can only be set when publish is true");
        }
        checkRoleArn(r.roleArn());
        Definition definition = parse(r.definition(), r.type());
        String arn = Arn.of("states", r.region(), r.account(), "stateMachine:" + r.name()).toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // the store's precision: repeats answer the same
        StateMachineInfo info = new StateMachineInfo(arn, r.account(), r.region(), r.name(), r.type(), r.definition(),
                r.roleArn(), now, Optional.empty(), revision(), r.loggingConfiguration(), r.tracingConfiguration(),
                r.publish() ? 1 : 0);
        Optional<VersionInfo> first = r.publish()
                ? Optional.of(version(info, 1, r.versionDescription(), now)) : Optional.empty();
        return switch (machines.insertIfAbsent(info, first, r.tags())) {
            case Insertion.Inserted<StateMachineInfo> inserted -> {
                parsed.put(cacheKey(arn, info.revisionId()), definition);
                yield info;
            }
            case Insertion.Existing<StateMachineInfo> existing -> {
                if (!isRepeatOf(existing.row(), r)) {
                    throw StepFunctionsException.of(StepFunctionsException.Kind.MACHINE_ALREADY_EXISTS,
                            "State Machine Already Exists: '" + arn + "'");
                }
                yield existing.row();
            }
        };
    }

    /** Whether {@code r} repeats the CreateStateMachine that made {@code e}, as AWS's idempotency check sees it. */
    private boolean isRepeatOf(StateMachineInfo e, CreateRequest r) {
        if (!e.definition().equals(r.definition()) || e.type() != r.type()
                || !sameSetting(e.loggingConfiguration(), r.loggingConfiguration(), DEFAULT_LOGGING)
                || !sameSetting(e.tracingConfiguration(), r.tracingConfiguration(), DEFAULT_TRACING)) {
            return false;
        }
        Optional<VersionInfo> first = machines.findVersion(e.arn() + ":1");
        return first.isPresent() == r.publish()
                && first.map(v -> v.description().equals(r.versionDescription())).orElse(true);
    }

    /** Two logging (or tracing) configurations as JSON text, absent meaning AWS's default. */
    private static boolean sameSetting(Optional<String> a, Optional<String> b, String absent) {
        return tree(a.orElse(absent)).equals(tree(b.orElse(absent)));
    }

    private static JsonNode tree(String json) {
        return Json.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
    }

    public StateMachineInfo describe(String arn) {
        checkMachineArn(arn);
        return machines.find(arn).orElseThrow(() -> StepFunctionsException.machineNotFound(arn));
    }

    public Optional<VersionInfo> version(String versionArn) {
        return machines.findVersion(versionArn);
    }

    /** What UpdateStateMachine changed: the new revision and, if published, the new version's ARN. */
    public record Updated(Instant updateDate, String revisionId, Optional<String> versionArn) {
    }

    public Updated update(String arn, Optional<String> definition, Optional<String> roleArn,
                          Optional<String> logging, Optional<String> tracing, boolean publish,
                          Optional<String> versionDescription) {
        if (versionDescription.isPresent() && !publish) {
            throw StepFunctionsException.invalidRequest("Version description can only be set when publish is true");
        }
        if (definition.isEmpty() && roleArn.isEmpty() && logging.isEmpty() && tracing.isEmpty() && !publish) {
            throw StepFunctionsException.of(StepFunctionsException.Kind.NOTHING_TO_UPDATE,
                    "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");
        }
        StateMachineInfo current = describe(arn);
        roleArn.ifPresent(StateMachines::checkRoleArn);
        definition.ifPresent(d -> parse(d, current.type()));
        boolean changed = definition.filter(d -> !d.equals(current.definition())).isPresent()
                || roleArn.filter(r -> !r.equals(current.roleArn())).isPresent()
                || logging.isPresent() || tracing.isPresent();
        String revision = changed ? revision() : current.revisionId();
        int lastVersion = publish ? current.lastVersion() + 1 : current.lastVersion();
        StateMachineInfo next = new StateMachineInfo(arn, current.account(), current.region(), current.name(),
                current.type(), definition.orElse(current.definition()), roleArn.orElse(current.roleArn()),
                current.creationDate(), current.description(), revision, logging.or(current::loggingConfiguration),
                tracing.or(current::tracingConfiguration), lastVersion);
        Instant now = clock.instant();
        Optional<VersionInfo> published = publish ? Optional.of(version(next, lastVersion, versionDescription, now)) : Optional.empty();
        machines.update(next, published);
        return new Updated(now, revision, published.map(VersionInfo::arn));
    }

    public void delete(String arn) {
        checkMachineArn(arn);
        machines.delete(arn);
        parsed.keySet().removeIf(k -> k.startsWith(arn + "#"));
    }

    public List<StateMachineInfo> list(String account, String region) {
        return machines.list(account, region);
    }

    public VersionInfo publish(String arn, Optional<String> revisionId, Optional<String> description) {
        StateMachineInfo current = describe(arn);
        if (revisionId.isPresent() && !revisionId.get().equals(current.revisionId())) {
            throw StepFunctionsException.conflict("Failed to publish the State Machine version for revision "
                    + revisionId.get() + ". The current State Machine revision is " + current.revisionId() + ".");
        }
        List<VersionInfo> existing = machines.versions(arn);
        if (!existing.isEmpty() && existing.get(0).revisionId().equals(current.revisionId())) {
            return existing.get(0); // AWS: publishing an unchanged revision returns the latest version
        }
        int number = current.lastVersion() + 1;
        VersionInfo v = version(current, number, description, clock.instant());
        machines.insertVersion(v, number);
        return v;
    }

    public List<VersionInfo> versions(String arn) {
        describe(arn);
        return machines.versions(arn);
    }

    public void deleteVersion(String versionArn) {
        for (AliasInfo alias : resources.aliases(machineArnOf(versionArn))) {
            if (alias.routing().stream().anyMatch(r -> r.versionArn().equals(versionArn))) {
                throw StepFunctionsException.conflict("Version to be deleted must not be referenced by an alias. "
                        + "Current list of aliases referencing this version: [" + alias.arn() + "]");
            }
        }
        machines.deleteVersion(versionArn);
    }

    /**
     * Resolves the ARN an execution is started with: a state machine, one of its versions, or an alias
     * (picking a version by the alias's routing weights).
     */
    public Target resolve(String arn) {
        Arn parsedArn = Arn.parse(arn).filter(a -> a.service().equals("states"))
                .orElseThrow(() -> StepFunctionsException.malformedArn(arn));
        String[] parts = parsedArn.resourceParts();
        if (parts.length < 2 || !parts[0].equals("stateMachine")) {
            throw StepFunctionsException.malformedArn(arn);
        }
        if (parts.length == 2) {
            StateMachineInfo machine = machines.find(arn)
                    .orElseThrow(() -> StepFunctionsException.machineNotFound(arn));
            return new Target(machine, machine.definition(), cached(machine.arn(), machine.revisionId(),
                    machine.definition(), machine.type()), Optional.empty(), Optional.empty());
        }
        String machineArn = machineArnOf(arn);
        StateMachineInfo machine = machines.find(machineArn)
                .orElseThrow(() -> StepFunctionsException.machineNotFound(arn));
        if (parts[2].chars().allMatch(Character::isDigit)) {
            VersionInfo v = machines.findVersion(arn).orElseThrow(() -> StepFunctionsException.machineNotFound(arn));
            return new Target(machine, v.definition(), cached(v.arn(), v.revisionId(), v.definition(), machine.type()),
                    Optional.of(v.arn()), Optional.empty());
        }
        AliasInfo alias = resources.findAlias(arn).orElseThrow(() -> StepFunctionsException.resourceNotFound(arn));
        String versionArn = pickRoute(alias.routing());
        VersionInfo v = machines.findVersion(versionArn)
                .orElseThrow(() -> StepFunctionsException.machineNotFound(versionArn));
        return new Target(machine, v.definition(), cached(v.arn(), v.revisionId(), v.definition(), machine.type()),
                Optional.of(v.arn()), Optional.of(alias.arn()));
    }

    /** A parsed definition from the cache, parsing (it was validated when stored) on a miss. */
    public Definition cached(String arn, String revisionId, String text, MachineType type) {
        return parsed.computeIfAbsent(cacheKey(arn, revisionId), k -> parse(text, type));
    }

    private static String pickRoute(List<AliasInfo.Route> routes) {
        int roll = ThreadLocalRandom.current().nextInt(100);
        int total = 0;
        for (AliasInfo.Route route : routes) {
            total += route.weight();
            if (roll < total) {
                return route.versionArn();
            }
        }
        return routes.get(routes.size() - 1).versionArn();
    }

    static String machineArnOf(String arn) {
        int colons = 0;
        for (int i = 0; i < arn.length(); i++) {
            if (arn.charAt(i) == ':' && ++colons == 7) {
                return arn.substring(0, i);
            }
        }
        return arn;
    }

    static Definition parse(String text, MachineType type) {
        try {
            return DefinitionParser.parse(text, type);
        } catch (InvalidDefinitionException e) {
            throw StepFunctionsException.of(StepFunctionsException.Kind.INVALID_DEFINITION, e.getMessage());
        }
    }

    /** An execution role must be an IAM ARN (CreateStateMachine, UpdateStateMachine and TestState). */
    static void checkRoleArn(String roleArn) {
        Optional<Arn> arn = Arn.parse(roleArn);
        if (arn.isEmpty() || !arn.get().service().equals("iam")) {
            throw StepFunctionsException.malformedArn(roleArn);
        }
    }

    static void checkMachineArn(String arn) {
        Optional<Arn> parsedArn = Arn.parse(arn);
        if (parsedArn.isEmpty() || !parsedArn.get().service().equals("states")
                || !parsedArn.get().resource().startsWith("stateMachine:")) {
            throw StepFunctionsException.malformedArn(arn);
        }
    }

    private static VersionInfo version(StateMachineInfo m, int number, Optional<String> description, Instant now) {
        return new VersionInfo(m.arn() + ":" + number, m.arn(), number, m.definition(), m.roleArn(), description,
                m.revisionId(), now);
    }

    private static String revision() {
        return UUID.randomUUID().toString();
    }

    private static String cacheKey(String arn, String revisionId) {
        return arn + "#" + revisionId;
    }
}
