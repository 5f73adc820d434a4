package io.portico.tables.engine;

import io.portico.core.Component;
import io.portico.core.arn.Arn;
import io.portico.core.tags.TagLimitExceededException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * DynamoDB's control plane: tables, their secondary indexes, stream and TTL settings, and tags.
 *
 * <p><b>Status.</b> On AWS a table is CREATING for seconds after CreateTable and ACTIVE afterwards;
 * clients wait for ACTIVE (the SDK's {@code waitUntilTableExists}) before using it. A Portico table is
 * complete the moment its row commits, so it is ACTIVE from then on: CreateTable answers CREATING, as
 * AWS's recorded answer does ({@code test_table_crud}), and the first DescribeTable already says ACTIVE,
 * so a waiter returns after one call. UpdateTable answers UPDATING and DeleteTable DELETING likewise,
 * and a deleted table is gone at once. The one state that lasts is a global index added to a table that
 * has items: it stays CREATING (backfilling) until it is filled (the store fills a small table's in the
 * UpdateTable transaction, a large one's through the work queue); added to an empty table, it is ACTIVE
 * at once.
 *
 * <p><b>Consistency.</b> Every change is one store transaction that reads and writes the table's row
 * ({@link TableRepository}), so concurrent changes serialise and a create is decided by the database
 * (no check-then-insert). Stateless apart from the repository and the clock; thread safe.
 */
public final class Tables implements Component {
    /** DynamoDB allows 50 tags per resource. */
    public static final int MAX_TAGS = 50;

    private final TableRepository repository;
    private final Clock clock;

    private Tables(TableRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public static Tables create(TableRepository repository, Clock clock) {
        return new Tables(repository, clock);
    }

    @Override
    public void start() {
        repository.migrate();
    }

    /**
     * Creates a table with its tags.
     *
     * @throws TablesException {@code INVALID_REQUEST} for a rule the request breaks, {@code TABLE_EXISTS} when
     *     the account has a table of that name in the region
     */
    public Table create(NewTable request) {
        Instant now = clock.instant();
        TableDefinition definition = CreateTableRules.definition(request, now);
        Table table = new Table(request.ref(), UUID.randomUUID().toString(), now, definition, 0, 0);
        checkTagCount(request.tags().size());
        if (repository.insertIfAbsent(table, request.tags()).isPresent()) {
            throw TablesException.tableExists(request.ref().name());
        }
        return table;
    }

    public Table describe(TableRef ref) {
        return repository.find(ref).orElseThrow(() -> TablesException.tableNotFound(ref.name()));
    }

    /**
     * Applies an UpdateTable request.
     *
     * @return the table before and after, as stored
     */
    public TableUpdate update(TableRef ref, TableChange change) {
        Instant now = clock.instant();
        AtomicReference<Table> before = new AtomicReference<>();
        Table after = repository.update(ref, table -> {
            before.set(table);
            return table.with(TableUpdates.apply(table, change, now));
        }).orElseThrow(() -> TablesException.tableNotFound(ref.name()));
        return new TableUpdate(before.get(), after);
    }

    /**
     * Deletes a table (with its tags, items and index entries; its stream is marked disabled), unless deletion protection is on.
     *
     * @return the table as it was
     */
    public Table delete(TableRef ref) {
        return repository.delete(ref, table -> {
            if (table.definition().deletionProtection()) {
                // DynamoDB's answer, live in a catalogue of its answers (ack-api-quirks, dynamodb, 2026-10-09).
                throw TablesException.invalidRequest("Resource cannot be deleted as it is currently protected against "
                        + "deletion. Disable deletion protection first.");
            }
        }).orElseThrow(() -> TablesException.tableNotFound(ref.name()));
    }

    /** ListTables: names in order after {@code exclusiveStart}; {@code lastEvaluated} when the page is full. */
    public TableList list(String account, String region, Optional<String> exclusiveStart, int limit) {
        // One more than asked for says whether another page follows, so a full last page ends the listing.
        List<String> names = repository.names(account, region, exclusiveStart, limit + 1);
        if (names.size() <= limit) {
            return new TableList(names, Optional.empty());
        }
        List<String> page = names.subList(0, limit);
        return new TableList(page, Optional.of(page.get(limit - 1)));
    }

    /**
     * UpdateTimeToLive: the setting, and (in the same transaction, by the store) every item's expiry recomputed
     * from it; the sweeper ({@code stream.Sweeps}) deletes what has expired.
     *
     * @return the new setting
     */
    public TimeToLive updateTimeToLive(TableRef ref, boolean enabled, String attribute) {
        Table updated = repository.update(ref, table -> table.with(table.definition().with(d -> d.timeToLive(
                TimeToLiveRules.apply(table.definition().timeToLive(), enabled, attribute)))))
                .orElseThrow(() -> TablesException.tableNotFound(ref.name()));
        return updated.definition().timeToLive();
    }

    public TimeToLive describeTimeToLive(TableRef ref) {
        return describe(ref).definition().timeToLive();
    }

    /**
     * UpdateContinuousBackups: point-in-time recovery on (since now, or since it was turned on when it is on
     * already) or off. Only the setting is kept: Portico serves no restore (docs/tables.md, Differences).
     */
    public PointInTimeRecovery updatePointInTimeRecovery(TableRef ref, boolean enabled) {
        Instant now = clock.instant();
        Table updated = repository.update(ref, table -> table.with(table.definition().with(d -> d.pointInTimeRecoverySince(
                enabled ? table.definition().pointInTimeRecoverySince().or(() -> Optional.of(now)) : Optional.empty()))))
                .orElseThrow(() -> TablesException.backupTableNotFound(ref.name()));
        return PointInTimeRecovery.of(updated.definition().pointInTimeRecoverySince(), now);
    }

    /** DescribeContinuousBackups: the table's point-in-time recovery setting. */
    public PointInTimeRecovery describePointInTimeRecovery(TableRef ref) {
        Table table = repository.find(ref).orElseThrow(() -> TablesException.backupTableNotFound(ref.name()));
        return PointInTimeRecovery.of(table.definition().pointInTimeRecoverySince(), clock.instant());
    }

    /** The tags of the table {@code arn} names, sorted by key. */
    public SortedMap<String, String> tags(String arn) {
        TableRef ref = tableOf(arn);
        if (repository.find(ref).isEmpty()) {
            throw TablesException.resourceNotFound(arn);
        }
        return repository.tags(ref.arn());
    }

    public void tag(String arn, Map<String, String> tags) {
        TableRef ref = tableOf(arn);
        boolean exists;
        try {
            exists = repository.tagExisting(ref, tags, MAX_TAGS);
        } catch (TagLimitExceededException e) {
            throw tooManyTags();
        }
        if (!exists) {
            throw TablesException.resourceNotFound(arn);
        }
    }

    public void untag(String arn, List<String> keys) {
        if (!repository.untagExisting(tableOf(arn), keys)) {
            throw TablesException.resourceNotFound(arn);
        }
    }

    /**
     * The table an ARN names (whether it exists is for the caller to check, in its transaction). DynamoDB
     * tags tables (and streams, which Portico does not tag yet); what is no ARN, no DynamoDB ARN, or an
     * index's ARN is refused in its words (a catalogue of its answers, ack-api-quirks, dynamodb, 2026-10-09).
     */
    private static TableRef tableOf(String arn) {
        if (!arn.startsWith("arn:")) {
            throw TablesException.invalidParameter("ARNs must start with 'arn:': " + arn);
        }
        Arn parsed = Arn.parse(arn).filter(a -> a.service().equals("dynamodb"))
                .orElseThrow(() -> TablesException.invalidParameter("Provided Arn is not a DynamoDB resource arn: " + arn));
        String resource = parsed.resource();
        if (resource.startsWith("table/") && resource.contains("/index/")) {
            throw TablesException.invalidParameter("Invalid resource arn provided, only table or stream is accepted. "
                    + "Provided resource arn: " + arn);
        }
        return Optional.of(resource).filter(r -> r.startsWith("table/") && r.indexOf('/', 6) < 0)
                .map(r -> new TableRef(parsed.account(), parsed.region(), r.substring("table/".length())))
                .orElseThrow(() -> TablesException.resourceNotFound(arn));
    }

    private static void checkTagCount(int count) {
        if (count > MAX_TAGS) {
            throw tooManyTags();
        }
    }

    /** A 51st tag is a ValidationException on DynamoDB (a catalogue of its answers, ack-api-quirks, 2026-10-09). */
    private static TablesException tooManyTags() {
        return TablesException.invalidRequest("Number of Tags exceed the current limit for the provided ResourceArn");
    }
}
