package io.portico.states.store;

import io.portico.core.store.Insertion;
import io.portico.core.store.NewRow;
import io.portico.core.store.Row;
import io.portico.core.store.Store;
import io.portico.core.store.StoreTransaction;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.engine.StateMachineInfo;
import io.portico.states.engine.StateMachineRepository;
import io.portico.states.engine.VersionInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** State machines and their versions in the store. Thread safe. */
public final class StateMachineStore implements StateMachineRepository {
    private static final String MACHINE_COLUMNS = "arn, account, region, name, type, definition, role_arn, created_ms, "
            + "description, revision_id, logging, tracing, last_version";
    private static final String VERSION_COLUMNS = "arn, machine_arn, version, definition, role_arn, description, "
            + "revision_id, created_ms";

    private final Store store;
    private final ResourceTags tags;

    public StateMachineStore(Store store, ResourceTags tags) {
        this.store = store;
        this.tags = tags;
    }

    /**
     * Inserts the machine, its first version (when published at create) and its tags in one
     * transaction, unless a machine of that ARN exists: that one comes back untouched for the caller to
     * judge (an identical CreateStateMachine is idempotent, another is StateMachineAlreadyExists).
     * A refusal of TOO_MANY_TAGS inserts nothing.
     */
    @Override
    public Insertion<StateMachineInfo> insertIfAbsent(StateMachineInfo m, Optional<VersionInfo> firstVersion,
                                                      Map<String, String> newTags) {
        NewRow row = NewRow.into("sfn_state_machines").key("arn", m.arn()).value("account", m.account())
                .value("region", m.region()).value("name", m.name()).value("type", m.type().name())
                .value("definition", m.definition()).value("role_arn", m.roleArn())
                .value("created_ms", m.creationDate().toEpochMilli()).value("description", m.description().orElse(null))
                .value("revision_id", m.revisionId()).value("logging", m.loggingConfiguration().orElse(null))
                .value("tracing", m.tracingConfiguration().orElse(null)).value("last_version", m.lastVersion())
                .build();
        return store.write(tx -> {
            Insertion<StateMachineInfo> insertion = tx.insertIfAbsent(row, StateMachineStore::machine);
            if (insertion instanceof Insertion.Inserted) {
                firstVersion.ifPresent(v -> insertVersion(tx, v));
                tags.tag(tx, m.arn(), newTags);
            }
            return insertion;
        });
    }

    /** Replaces the machine's row and, when given, inserts a newly published version in the same transaction. */
    @Override
    public void update(StateMachineInfo m, Optional<VersionInfo> published) {
        store.write(tx -> {
            tx.update("UPDATE sfn_state_machines SET definition=?, role_arn=?, description=?, revision_id=?, "
                            + "logging=?, tracing=?, last_version=? WHERE arn=?",
                    m.definition(), m.roleArn(), m.description().orElse(null), m.revisionId(),
                    m.loggingConfiguration().orElse(null), m.tracingConfiguration().orElse(null), m.lastVersion(), m.arn());
            published.ifPresent(v -> insertVersion(tx, v));
            return null;
        });
    }

    private static void insertVersion(StoreTransaction tx, VersionInfo v) {
        tx.update("INSERT INTO sfn_versions (" + VERSION_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)",
                v.arn(), v.machineArn(), v.version(), v.definition(), v.roleArn(), v.description().orElse(null),
                v.revisionId(), v.creationDate().toEpochMilli());
    }

    @Override
    public void delete(String arn) {
        store.write(tx -> {
            tx.update("DELETE FROM sfn_versions WHERE machine_arn=?", arn);
            tx.update("DELETE FROM sfn_aliases WHERE machine_arn=?", arn);
            tags.deleteAll(tx, arn);
            return tx.update("DELETE FROM sfn_state_machines WHERE arn=?", arn);
        });
    }

    @Override
    public Optional<StateMachineInfo> find(String arn) {
        return store.read(tx -> tx.queryOne("SELECT " + MACHINE_COLUMNS + " FROM sfn_state_machines WHERE arn=?",
                StateMachineStore::machine, arn));
    }

    @Override
    public List<StateMachineInfo> list(String account, String region) {
        return store.read(tx -> tx.query("SELECT " + MACHINE_COLUMNS
                        + " FROM sfn_state_machines WHERE account=? AND region=? ORDER BY name",
                StateMachineStore::machine, account, region));
    }

    @Override
    public List<StateMachineInfo> all() {
        return store.read(tx -> tx.query("SELECT " + MACHINE_COLUMNS + " FROM sfn_state_machines",
                StateMachineStore::machine));
    }

    @Override
    public void insertVersion(VersionInfo v, int lastVersion) {
        store.write(tx -> {
            insertVersion(tx, v);
            return tx.update("UPDATE sfn_state_machines SET last_version=? WHERE arn=?", lastVersion, v.machineArn());
        });
    }

    @Override
    public Optional<VersionInfo> findVersion(String arn) {
        return store.read(tx -> tx.queryOne("SELECT " + VERSION_COLUMNS + " FROM sfn_versions WHERE arn=?",
                StateMachineStore::version, arn));
    }

    @Override
    public List<VersionInfo> versions(String machineArn) {
        return store.read(tx -> tx.query("SELECT " + VERSION_COLUMNS
                        + " FROM sfn_versions WHERE machine_arn=? ORDER BY version DESC",
                StateMachineStore::version, machineArn));
    }

    @Override
    public void deleteVersion(String arn) {
        store.write(tx -> tx.update("DELETE FROM sfn_versions WHERE arn=?", arn));
    }

    private static StateMachineInfo machine(Row r) {
        return new StateMachineInfo(r.string("arn"), r.string("account"), r.string("region"), r.string("name"),
                MachineType.valueOf(r.string("type")), r.string("definition"), r.string("role_arn"),
                Instant.ofEpochMilli(r.longValue("created_ms")), Optional.ofNullable(r.string("description")),
                r.string("revision_id"), Optional.ofNullable(r.string("logging")),
                Optional.ofNullable(r.string("tracing")), (int) r.longValue("last_version"));
    }

    private static VersionInfo version(Row r) {
        return new VersionInfo(r.string("arn"), r.string("machine_arn"), (int) r.longValue("version"),
                r.string("definition"), r.string("role_arn"), Optional.ofNullable(r.string("description")),
                r.string("revision_id"), Instant.ofEpochMilli(r.longValue("created_ms")));
    }
}
