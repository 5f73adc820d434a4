package io.portico.tables.engine.partiql;

import io.portico.core.idempotency.ClientToken;
import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.Comparator;
import io.portico.tables.engine.expression.Condition;
import io.portico.tables.engine.expression.ConditionPaths;
import io.portico.tables.engine.expression.Operand;
import io.portico.tables.engine.expression.Path;
import io.portico.tables.engine.expression.Projection;
import io.portico.tables.engine.expression.Update;
import io.portico.tables.engine.item.ConsumedCapacity;
import io.portico.tables.engine.item.ItemRepository;
import io.portico.tables.engine.item.ItemQueries;
import io.portico.tables.engine.item.ItemRequests;
import io.portico.tables.engine.item.Items;
import io.portico.tables.engine.item.Page;
import io.portico.tables.engine.item.ReadRequests;
import io.portico.tables.engine.item.ReadResult;
import io.portico.tables.engine.item.Reporting;
import io.portico.tables.engine.item.ReturnValues;
import io.portico.tables.engine.item.TransactRequests;
import io.portico.tables.engine.item.TransactRequests.WriteAction;
import io.portico.tables.engine.item.TransactResults;
import io.portico.tables.engine.item.Transactions;
import io.portico.tables.engine.item.TypedKeys;
import io.portico.tables.engine.item.WriteResult;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.KeySchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs PartiQL statements on the item engine, so they behave exactly as the operations they stand for.
 *
 * <p>A SELECT whose WHERE pins the partition key by equality is a Query (sort key comparisons join the key
 * condition, the rest is its filter); any other SELECT is a Scan with the WHERE as its filter, paged by
 * Limit and the last key read (the api turns it into a NextToken). INSERT is a PutItem that may not find
 * the item ({@code DuplicateItemException}); UPDATE an UpdateItem of an item that must exist; DELETE a
 * DeleteItem. Their WHERE must pin every key attribute by equality; what else it says is the write's
 * condition. ExecuteTransaction's writes become one {@link Transactions} transaction and its reads one
 * TransactGetItems. Stateless; thread safe.
 */
public final class Statements {
    static final String KEY_REQUIRED = "Where clause does not contain a mandatory equality on all key attributes";

    private final ItemRepository repository;
    private final Items items;
    private final ItemQueries queries;
    private final Transactions transactions;

    private Statements(ItemRepository repository) {
        this.repository = repository;
        this.items = Items.create(repository);
        this.queries = ItemQueries.create(repository);
        this.transactions = Transactions.create(repository);
    }

    public static Statements create(ItemRepository repository) {
        return new Statements(repository);
    }

    /**
     * One statement's answer: the items a SELECT read (none for a write), where its page ended, and the
     * capacity it used when the request asked for it.
     */
    public record Result(List<Map<String, AttributeValue>> items, Optional<Map<String, AttributeValue>> lastKey,
            Optional<ConsumedCapacity> capacity) {
    }

    /** ExecuteTransaction's answer: per statement the item a read found (nothing for writes), and capacity. */
    public record Transacted(List<Optional<Map<String, AttributeValue>>> items, List<ConsumedCapacity> capacity) {
    }

    /**
     * ExecuteStatement (and each write of BatchExecuteStatement); {@code oldOnConditionFailure} is
     * ReturnValuesOnConditionCheckFailure=ALL_OLD for an UPDATE or DELETE whose condition fails.
     */
    public Result execute(Statement statement, Function<String, TableRef> tables, Optional<Integer> limit,
            Optional<Map<String, AttributeValue>> exclusiveStart, boolean consistent, boolean oldOnConditionFailure,
            Reporting reporting) {
        TableRef table = tables.apply(statement.table());
        KeySchema schema = schema(table);
        if (statement instanceof Statement.Select select) {
            Page page = select(table, schema, select, limit, exclusiveStart, consistent, reporting);
            return new Result(page.items(), page.lastEvaluatedKey(), page.capacity());
        }
        WriteResult written = switch (statement) {
            case Statement.Select select -> throw new IllegalStateException("reads were answered above");
            case Statement.Insert insert -> {
                try {
                    yield items.put(new ItemRequests.PutItem(table, insert.item(), Optional.of(notExists(schema)),
                            ReturnValues.NONE, false, reporting));
                } catch (TablesException e) {
                    throw e.kind() == TablesException.Kind.CONDITION_FAILED ? TablesException.duplicateItem(Transactions.DUPLICATE) : e;
                }
            }
            case Statement.Update update -> {
                KeySplit split = KeySplit.full(update.where(), schema);
                yield items.update(new ItemRequests.UpdateItem(table, split.key(),
                        Optional.of(new Update(update.actions())), Optional.of(and(exists(schema), split.rest())),
                        ReturnValues.NONE, oldOnConditionFailure, reporting));
            }
            case Statement.Delete delete -> {
                KeySplit split = KeySplit.full(delete.where(), schema);
                yield items.delete(new ItemRequests.DeleteItem(table, split.key(), split.rest(), ReturnValues.NONE,
                        oldOnConditionFailure, reporting));
            }
        };
        return new Result(List.of(), Optional.empty(), written.capacity());
    }

    /**
     * A BatchExecuteStatement read: the one item its WHERE names by its whole key, read (and charged) as
     * GetItem reads it.
     */
    public ReadResult get(Statement.Select select, Function<String, TableRef> tables, boolean consistent,
            Reporting reporting) {
        TableRef table = tables.apply(select.table());
        KeySplit split = KeySplit.full(select.where().orElseThrow(() -> TablesException.validation(KEY_REQUIRED)),
                schema(table));
        return items.get(new ItemRequests.GetItem(table, split.key(), projection(select), consistent, reporting));
    }

    /**
     * ExecuteTransaction: all writes (one transaction, all or nothing) or all reads of single items (one
     * snapshot); the answer has an entry per read, none for writes.
     */
    public Transacted transact(List<Statement> statements, Function<String, TableRef> tables,
            Optional<ClientToken> token, Reporting reporting) {
        boolean reads = statements.stream().allMatch(Statement.Select.class::isInstance);
        if (!reads && statements.stream().anyMatch(Statement.Select.class::isInstance)) {
            throw TablesException.validation("Transaction must contain either all reads or all writes");
        }
        if (reads) {
            List<TransactRequests.GetAction> gets = new ArrayList<>();
            for (Statement statement : statements) {
                Statement.Select select = (Statement.Select) statement;
                TableRef table = tables.apply(select.table());
                KeySplit split = KeySplit.full(select.where().orElseThrow(() -> TablesException.validation(KEY_REQUIRED)),
                        schema(table));
                gets.add(new TransactRequests.GetAction(table, split.key(), projection(select)));
            }
            TransactResults.TransactGot got = transactions.get(new TransactRequests.TransactGet(gets, reporting.capacity()));
            return new Transacted(got.items(), got.capacity());
        }
        List<WriteAction> actions = new ArrayList<>();
        for (Statement statement : statements) {
            TableRef table = tables.apply(statement.table());
            KeySchema schema = schema(table);
            actions.add(switch (statement) {
                case Statement.Insert insert -> new WriteAction.Insert(table, insert.item());
                case Statement.Update update -> {
                    KeySplit split = KeySplit.full(update.where(), schema);
                    yield new WriteAction.Update(table, split.key(), new Update(update.actions()),
                            Optional.of(and(exists(schema), split.rest())), false);
                }
                case Statement.Delete delete -> {
                    KeySplit split = KeySplit.full(delete.where(), schema);
                    yield new WriteAction.Delete(table, split.key(), split.rest(), false);
                }
                case Statement.Select select -> throw new IllegalStateException("reads were handled above");
            });
        }
        TransactResults.TransactWritten written = transactions.write(
                new TransactRequests.TransactWrite(actions, token, reporting));
        return new Transacted(List.of(), written.capacity());
    }

    private KeySchema schema(TableRef table) {
        return repository.read(table, (t, reader) -> TypedKeys.of(t.definition()))
                .orElseThrow(TablesException::itemTableNotFound);
    }

    private Page select(TableRef table, KeySchema schema, Statement.Select select, Optional<Integer> limit,
            Optional<Map<String, AttributeValue>> exclusiveStart, boolean consistent, Reporting reporting) {
        Optional<Condition> where = select.where();
        Optional<Condition> keyCondition = Optional.empty();
        Optional<Condition> filter = where;
        if (select.index().isEmpty() && where.isPresent()) {
            QuerySplit split = QuerySplit.of(where.get(), schema);
            keyCondition = split.keyCondition();
            filter = keyCondition.isPresent() ? split.filter() : where;
        }
        ReadRequests.Reading reading = new ReadRequests.Reading(table, select.index(), filter, projection(select),
                Optional.empty(), limit, exclusiveStart, consistent, reporting);
        return keyCondition.isPresent() ? queries.query(new ReadRequests.Query(reading, keyCondition.get(), true))
                : queries.scan(new ReadRequests.Scan(reading, Optional.empty()));
    }

    private static Optional<Projection> projection(Statement.Select select) {
        return select.projection().isEmpty() ? Optional.empty() : Optional.of(new Projection(select.projection()));
    }

    private static Condition notExists(KeySchema schema) {
        return new Condition.AttributeNotExists(Path.attribute(schema.partition().name()));
    }

    private static Condition exists(KeySchema schema) {
        return new Condition.AttributeExists(Path.attribute(schema.partition().name()));
    }

    private static Condition and(Condition first, Optional<Condition> rest) {
        return rest.map(r -> (Condition) new Condition.And(first, r)).orElse(first);
    }

    /** The conjuncts of a WHERE: its top-level ANDs taken apart. */
    static List<Condition> conjuncts(Condition condition) {
        List<Condition> out = new ArrayList<>();
        if (condition instanceof Condition.And and) {
            out.addAll(conjuncts(and.left()));
            out.addAll(conjuncts(and.right()));
        } else {
            out.add(condition);
        }
        return out;
    }

    static Optional<Condition> joined(List<Condition> conjuncts) {
        return conjuncts.stream().reduce((a, b) -> new Condition.And(a, b));
    }

    /** {@code attribute = literal} (either way round) on a top-level attribute: the attribute and value. */
    static Optional<Map.Entry<String, AttributeValue>> equality(Condition condition) {
        if (!(condition instanceof Condition.Compare compare) || compare.comparator() != Comparator.EQ) {
            return Optional.empty();
        }
        return equality(compare.left(), compare.right()).or(() -> equality(compare.right(), compare.left()));
    }

    private static Optional<Map.Entry<String, AttributeValue>> equality(Operand path, Operand value) {
        if (path instanceof Operand.PathOf p && !p.path().isNested() && value instanceof Operand.Literal literal) {
            return Optional.of(Map.entry(p.path().attribute(), literal.value()));
        }
        return Optional.empty();
    }

    /** A write's WHERE: the key it pins by equality, and what else it says (the write's condition). */
    record KeySplit(Map<String, AttributeValue> key, Optional<Condition> rest) {
        static KeySplit full(Condition where, KeySchema schema) {
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            List<Condition> rest = new ArrayList<>();
            for (Condition conjunct : conjuncts(where)) {
                Optional<Map.Entry<String, AttributeValue>> eq = equality(conjunct);
                if (eq.isPresent() && schema.names().contains(eq.get().getKey()) && !key.containsKey(eq.get().getKey())) {
                    key.put(eq.get().getKey(), eq.get().getValue());
                } else {
                    rest.add(conjunct);
                }
            }
            if (key.size() != schema.names().size()) {
                throw TablesException.validation(KEY_REQUIRED);
            }
            return new KeySplit(key, joined(rest));
        }
    }

    /**
     * A SELECT's WHERE as a Query: the partition key's equality and the sort key's comparisons make the key
     * condition, the rest the filter. Empty key condition (a Scan) when the partition key is not pinned or
     * the rest still names a key attribute (a Query's filter may not).
     */
    record QuerySplit(Optional<Condition> keyCondition, Optional<Condition> filter) {
        static QuerySplit of(Condition where, KeySchema schema) {
            String partition = schema.partition().name();
            Optional<String> sort = schema.sort().map(KeySchema.Attribute::name);
            List<Condition> key = new ArrayList<>();
            List<Condition> rest = new ArrayList<>();
            boolean pinned = false;
            for (Condition conjunct : conjuncts(where)) {
                Optional<Map.Entry<String, AttributeValue>> eq = equality(conjunct);
                if (!pinned && eq.isPresent() && eq.get().getKey().equals(partition)) {
                    pinned = true;
                    key.add(0, conjunct);
                } else if (sort.isPresent() && key.size() < 2 && isSortCondition(conjunct, sort.get())) {
                    key.add(conjunct);
                } else {
                    rest.add(conjunct);
                }
            }
            boolean restNamesKeys = rest.stream().flatMap(c -> ConditionPaths.of(c).stream())
                    .anyMatch(p -> schema.names().contains(p.attribute()));
            if (!pinned || restNamesKeys) {
                return new QuerySplit(Optional.empty(), Optional.of(where));
            }
            return new QuerySplit(joined(key), joined(rest));
        }

        private static boolean isSortCondition(Condition condition, String sort) {
            return switch (condition) {
                case Condition.Compare c -> c.comparator() != Comparator.NE && isPath(c.left(), sort)
                        && c.right() instanceof Operand.Literal;
                case Condition.Between b -> isPath(b.operand(), sort) && b.lower() instanceof Operand.Literal
                        && b.upper() instanceof Operand.Literal;
                case Condition.BeginsWith b -> isPath(b.operand(), sort) && b.prefix() instanceof Operand.Literal;
                default -> false;
            };
        }

        private static boolean isPath(Operand operand, String attribute) {
            return operand instanceof Operand.PathOf p && !p.path().isNested() && p.path().attribute().equals(attribute);
        }
    }
}
