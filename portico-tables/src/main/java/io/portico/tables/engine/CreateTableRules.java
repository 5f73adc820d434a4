package io.portico.tables.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * DynamoDB's own rules for CreateTable, beyond what the model states, in the order DynamoDB checks them
 * and in its words: billing and throughput, then the table's key schema against the attribute
 * definitions, then local and global secondary indexes, then attribute definitions no key uses. Only the
 * first broken rule is reported, as DynamoDB does.
 *
 * <p>Sources: LocalStack's recording {@code test_dynamodb_pay_per_request}; the order and wording of the
 * key and index rules follow dynalite's CreateTable validation and its tests, which were checked against
 * DynamoDB; the other texts (duplicated attributes, INCLUDE without attributes, an index without capacity,
 * stream view types, unused definitions) are in a catalogue of DynamoDB's ValidationException texts mined
 * from live answers (ack-api-quirks, dynamodb, 2026-10-09; the last also in aws-cloudformation/cfn-lint#1037).
 * Stateless; thread safe.
 */
final class CreateTableRules {
    /** Per-table limits: 5 local indexes, 20 global ones (AWS's default quota). */
    static final int MAX_LOCAL_INDEXES = 5;
    static final int MAX_GLOBAL_INDEXES = 20;
    /** The largest capacity DynamoDB accepts in a request (it answers "out of bounds" beyond). */
    static final long MAX_CAPACITY = 1_000_000_000_000L;

    private CreateTableRules() {
    }

    /**
     * The definition of the table {@code request} asks for, created at {@code now}.
     *
     * @throws TablesException {@code INVALID_REQUEST} for the first rule the request breaks
     */
    static TableDefinition definition(NewTable request, Instant now) {
        checkBilling(request.billingMode(), request.throughput());
        List<String> defined = request.attributes().stream().map(AttributeDefinition::name).toList();
        Set<String> distinct = new HashSet<>();
        defined.stream().filter(name -> !distinct.add(name)).findFirst().ifPresent(name -> {
            throw TablesException.invalidRequest("Attribute Name is duplicated: " + name);
        });
        KeySchema keys = tableKeys(request, defined);
        boolean hasIndexes = request.localIndexes().isPresent() || request.globalIndexes().isPresent();
        if (!hasIndexes && request.keys().size() != defined.size()) {
            throw TablesException.invalidParameter("Number of attributes in KeySchema does not exactly match number of "
                    + "attributes defined in AttributeDefinitions");
        }
        List<SecondaryIndex> indexes = new ArrayList<>();
        Set<String> indexNames = new HashSet<>();
        request.localIndexes().ifPresent(lsis -> indexes.addAll(localIndexes(lsis, keys, defined, indexNames)));
        request.globalIndexes().ifPresent(gsis -> indexes.addAll(
                globalIndexes(gsis, request.billingMode(), defined, indexNames)));
        if (hasIndexes) {
            checkAllDefinitionsUsed(defined, keys, indexes);
        }
        Optional<TableStream> stream = stream(request.stream(), now);
        BillingMode billing = request.billingMode();
        return new TableDefinition(request.attributes(), keys, indexes, billing,
                request.throughput().orElse(Throughput.NONE),
                billing == BillingMode.PAY_PER_REQUEST ? Optional.of(now) : Optional.empty(),
                stream, encryption(request.encrypted(), request.kmsKey()),
                request.deletionProtection(), request.tableClass(), TimeToLive.DISABLED, Optional.empty(),
                request.warmThroughput());
    }

    /** Recorded wording for PAY_PER_REQUEST with capacity; dynalite's for PROVISIONED without it. */
    static void checkBilling(BillingMode billing, Optional<Throughput> throughput) {
        if (billing == BillingMode.PAY_PER_REQUEST && throughput.isPresent()) {
            throw TablesException.invalidParameter(
                    "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        if (billing == BillingMode.PROVISIONED && throughput.isEmpty()) {
            throw TablesException.invalidParameter(
                    "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        throughput.ifPresent(CreateTableRules::checkBounds);
    }

    static void checkBounds(Throughput throughput) {
        if (throughput.read() > MAX_CAPACITY) {
            throw TablesException.invalidRequest("Given value " + throughput.read() + " for ReadCapacityUnits is out of bounds");
        }
        if (throughput.write() > MAX_CAPACITY) {
            throw TablesException.invalidRequest("Given value " + throughput.write() + " for WriteCapacityUnits is out of bounds");
        }
    }

    /**
     * The table's key schema. DynamoDB words a missing definition two ways: with fewer definitions than key
     * elements as an invalid key schema (even when the elements name one attribute twice), otherwise by
     * listing the keys against the definitions; two elements of one name are reported before that. This
     * follows moto's reading of AWS's answers and the cases of dynalite's tests it agrees with.
     */
    private static KeySchema tableKeys(NewTable request, List<String> defined) {
        List<String> names = request.keys().stream().map(KeyElement::attribute).toList();
        if (defined.size() < names.size()) {
            throw TablesException.invalidRequest("Invalid KeySchema: Some index key attribute have no definition");
        }
        if (names.size() == 2 && names.get(0).equals(names.get(1))) {
            throw sameName();
        }
        if (!defined.containsAll(names)) {
            throw undefinedKeys(names, defined);
        }
        return checkedKeys(request.keys());
    }

    private static TablesException sameName() {
        return TablesException.invalidRequest("Both the Hash Key and the Range Key element in the KeySchema have the same name");
    }

    /** The checks a table's and an index's key schema share, once their attributes are known to be defined. */
    static KeySchema checkedKeys(List<KeyElement> keys) {
        if (keys.size() == 2 && keys.get(0).attribute().equals(keys.get(1).attribute())) {
            throw sameName();
        }
        if (keys.get(0).type() != KeyType.HASH) {
            throw TablesException.invalidRequest("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (keys.size() == 2 && keys.get(1).type() != KeyType.RANGE) {
            throw TablesException.invalidRequest("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        return keys.size() == 2 ? KeySchema.of(keys.get(0).attribute(), keys.get(1).attribute())
                : KeySchema.of(keys.get(0).attribute());
    }

    static TablesException undefinedKeys(List<String> keys, List<String> defined) {
        return TablesException.invalidParameter("Some index key attributes are not defined in AttributeDefinitions. Keys: "
                + keys + ", AttributeDefinitions: " + defined);
    }

    private static List<SecondaryIndex> localIndexes(List<IndexRequest> requests, KeySchema table, List<String> defined,
            Set<String> names) {
        if (requests.isEmpty()) {
            throw TablesException.invalidParameter("List of LocalSecondaryIndexes is empty");
        }
        if (table.range().isEmpty()) {
            throw TablesException.invalidParameter(
                    "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
        }
        List<SecondaryIndex> indexes = new ArrayList<>();
        for (IndexRequest request : requests) {
            KeySchema keys = indexKeys(request, defined);
            if (keys.range().isEmpty()) {
                throw TablesException.invalidParameter("Index KeySchema does not have a range key for index: " + request.name());
            }
            if (!keys.hash().equals(table.hash())) {
                throw TablesException.invalidParameter("Index KeySchema does not have the same leading hash key as table "
                        + "KeySchema for index: " + request.name() + ". index hash key: " + keys.hash()
                        + ", table hash key: " + table.hash());
            }
            Projection projection = projection(request);
            unique(request.name(), names);
            indexes.add(new SecondaryIndex(request.name(), SecondaryIndex.Scope.LOCAL, keys, projection, Optional.empty(),
                    IndexStatus.ACTIVE, false));
        }
        if (requests.size() > MAX_LOCAL_INDEXES) {
            throw TablesException.invalidParameter("Number of LocalSecondaryIndexes exceeds per-table limit of "
                    + MAX_LOCAL_INDEXES);
        }
        return indexes;
    }

    private static List<SecondaryIndex> globalIndexes(List<IndexRequest> requests, BillingMode billing, List<String> defined,
            Set<String> names) {
        if (requests.isEmpty()) {
            throw TablesException.invalidParameter("List of GlobalSecondaryIndexes is empty");
        }
        List<SecondaryIndex> indexes = new ArrayList<>();
        for (IndexRequest request : requests) {
            indexes.add(globalIndex(request, billing, defined, IndexStatus.ACTIVE, false, true));
            unique(request.name(), names);
        }
        if (requests.size() > MAX_GLOBAL_INDEXES) {
            throw TablesException.invalidParameter("GlobalSecondaryIndex count exceeds the per-table limit of "
                    + MAX_GLOBAL_INDEXES);
        }
        return indexes;
    }

    /**
     * A global index checked against the table's billing; shared with UpdateTable's index creation, whose
     * refusal of a missing capacity is worded differently ({@code onCreateTable}).
     */
    static SecondaryIndex globalIndex(IndexRequest request, BillingMode billing, List<String> defined, IndexStatus status,
            boolean backfilling, boolean onCreateTable) {
        KeySchema keys = indexKeys(request, defined);
        Projection projection = projection(request);
        if (billing == BillingMode.PAY_PER_REQUEST && request.throughput().isPresent()) {
            throw TablesException.invalidParameter("ProvisionedThroughput should not be specified for index: "
                    + request.name() + " when BillingMode is PAY_PER_REQUEST");
        }
        if (billing == BillingMode.PROVISIONED && request.throughput().isEmpty()) {
            throw TablesException.invalidParameter("ProvisionedThroughput " + (onCreateTable ? "is not" : "must be")
                    + " specified for index: " + request.name());
        }
        request.throughput().ifPresent(CreateTableRules::checkBounds);
        return new SecondaryIndex(request.name(), SecondaryIndex.Scope.GLOBAL, keys, projection, request.throughput(),
                status, backfilling);
    }

    private static KeySchema indexKeys(IndexRequest request, List<String> defined) {
        List<String> names = request.keys().stream().map(KeyElement::attribute).toList();
        if (!defined.containsAll(names)) {
            throw undefinedKeys(names, defined);
        }
        return checkedKeys(request.keys());
    }

    private static Projection projection(IndexRequest request) {
        ProjectionType type = request.projectionType()
                .orElseThrow(() -> TablesException.invalidParameter("Unknown ProjectionType: null"));
        if (request.nonKeyAttributes().isPresent() && type != ProjectionType.INCLUDE) {
            throw TablesException.invalidParameter("ProjectionType is " + type + ", but NonKeyAttributes is specified");
        }
        if (request.nonKeyAttributes().isEmpty() && type == ProjectionType.INCLUDE) {
            throw TablesException.invalidParameter("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
        }
        return new Projection(type, request.nonKeyAttributes().orElse(List.of()));
    }

    private static void unique(String index, Set<String> names) {
        if (!names.add(index)) {
            throw TablesException.invalidParameter("Duplicate index name: " + index);
        }
    }

    /** With indexes, every attribute definition must be some key's: DynamoDB lists both sets when one is not. */
    private static void checkAllDefinitionsUsed(List<String> defined, KeySchema table, List<SecondaryIndex> indexes) {
        Set<String> used = new LinkedHashSet<>(table.attributes());
        indexes.forEach(index -> used.addAll(index.keys().attributes()));
        if (!used.containsAll(defined)) {
            throw TablesException.invalidParameter("Some AttributeDefinitions are not used. AttributeDefinitions: "
                    + defined + ", keys used: " + List.copyOf(used));
        }
    }

    /** A stream asked for at creation; its view type is required when enabled and refused when not. */
    static Optional<TableStream> stream(Optional<StreamRequest> request, Instant now) {
        if (request.isEmpty()) {
            return Optional.empty();
        }
        StreamRequest stream = request.get();
        if (stream.enabled() && stream.viewType().isEmpty()) {
            throw TablesException.invalidParameter("Table is being created with a stream enabled, UpdateViewType is required");
        }
        if (!stream.enabled() && stream.viewType().isPresent()) {
            throw TablesException.invalidParameter(
                    "Table is being created with a stream disabled, UpdateViewType should not be specified");
        }
        return stream.viewType().map(viewType -> TableStream.enabledAt(now, viewType));
    }

    static Optional<Encryption> encryption(Optional<Boolean> enabled, Optional<String> kmsKey) {
        return enabled.filter(Boolean::booleanValue).map(on -> new Encryption(kmsKey));
    }
}
