package io.portico.states.engine;

import io.portico.core.store.Insertion;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where state machines and their versions are kept. Each change is one transaction, durable when it
 * returns. The engine owns this interface; the module's {@code store} package implements it.
 * Implementations are thread safe; nothing is null.
 */
public interface StateMachineRepository {

    /**
     * Inserts the machine, its first version (when published at create) and its tags in one
     * transaction, unless a machine of that ARN exists: that one comes back untouched for the caller to
     * judge (an identical CreateStateMachine is idempotent, another is StateMachineAlreadyExists).
     * A refusal of TOO_MANY_TAGS inserts nothing.
     */
    Insertion<StateMachineInfo> insertIfAbsent(StateMachineInfo machine, Optional<VersionInfo> firstVersion,
            Map<String, String> tags);

    /** Replaces the machine's row and, when given, inserts a newly published version in the same transaction. */
    void update(StateMachineInfo machine, Optional<VersionInfo> published);

    /** Deletes the machine with its versions, aliases and tags. */
    void delete(String arn);

    Optional<StateMachineInfo> find(String arn);

    /** The machines of one account and region, by name. */
    List<StateMachineInfo> list(String account, String region);

    /** Every machine of every scope. */
    List<StateMachineInfo> all();

    /** Inserts a published version and records it as the machine's last. */
    void insertVersion(VersionInfo version, int lastVersion);

    Optional<VersionInfo> findVersion(String arn);

    /** A machine's versions, newest first. */
    List<VersionInfo> versions(String machineArn);

    void deleteVersion(String arn);
}
