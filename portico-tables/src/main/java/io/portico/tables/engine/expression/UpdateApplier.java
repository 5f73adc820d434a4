package io.portico.tables.engine.expression;

import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.DynamoNumber;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies an {@link Update} to an item (the existing one, or the key alone when there is none), giving
 * the new item and the paths written, from which the api takes UPDATED_OLD ({@code Projector.project(old,
 * result.paths())}) and UPDATED_NEW.
 *
 * <p>Every right-hand side reads the item as it was before the update, as DynamoDB evaluates them, so
 * {@code SET a = b, b = a} swaps. The actions then apply in the order written, except REMOVE, which goes
 * last and from the highest list index down: {@code REMOVE l[0], l[1]} removes the first two elements of
 * the list as it was, and a SET of {@code l[1]} beside a REMOVE of {@code l[0]} writes the element that
 * was at index 1. Stateless and thread-safe.
 */
public final class UpdateApplier {

    static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";
    static final String MISSING_ATTRIBUTE = "The provided expression refers to an attribute that does not exist in the item";

    /** The updated item and the paths the update wrote. */
    public record Result(Map<String, AttributeValue> item, List<Path> paths) {
        public Result {
            item = Collections.unmodifiableMap(new LinkedHashMap<>(item));
            paths = List.copyOf(paths);
        }
    }

    private UpdateApplier() {}

    /**
     * @throws TablesException {@code INVALID_REQUEST} with DynamoDB's message when an operand has the wrong type,
     *     a path cannot be written or a SET reads an absent attribute
     */
    public static Result apply(Update update, Map<String, AttributeValue> item) {
        List<AttributeValue> setValues = new ArrayList<>();
        for (UpdateAction action : update.actions()) {
            if (action instanceof UpdateAction.Set set) {
                setValues.add(evaluate(set.value(), item));
            }
        }
        Map<String, AttributeValue> result = item;
        int next = 0;
        List<UpdateAction.Remove> removes = new ArrayList<>();
        for (UpdateAction action : update.actions()) {
            switch (action) {
                case UpdateAction.Set set -> {
                    AttributeValue value = setValues.get(next++);
                    result = DocumentPaths.change(result, set.path(), old -> Optional.of(value));
                }
                case UpdateAction.Add add -> result = DocumentPaths.change(result, add.path(), old -> Optional.of(add(old, add.value())));
                case UpdateAction.Delete delete -> result = DocumentPaths.change(result, delete.path(), old -> delete(old, delete.value()));
                case UpdateAction.Remove remove -> removes.add(remove);
            }
        }
        removes.sort(UpdateApplier::highestIndexFirst);
        for (UpdateAction.Remove remove : removes) {
            result = DocumentPaths.change(result, remove.path(), old -> Optional.empty());
        }
        return new Result(result, update.paths());
    }

    /** The value a SET's right-hand side computes from {@code item}. */
    static AttributeValue evaluate(Operand operand, Map<String, AttributeValue> item) {
        return switch (operand) {
            case Operand.PathOf path -> DocumentPaths.get(item, path.path())
                    .orElseThrow(() -> TablesException.validation(MISSING_ATTRIBUTE));
            case Operand.Literal literal -> literal.value();
            case Operand.Plus plus -> new AttributeValue.N(number(plus.left(), item).plus(number(plus.right(), item)));
            case Operand.Minus minus -> new AttributeValue.N(number(minus.left(), item).minus(number(minus.right(), item)));
            case Operand.IfNotExists ifNot -> DocumentPaths.get(item, ifNot.path())
                    .orElseGet(() -> evaluate(ifNot.fallback(), item));
            case Operand.ListAppend append -> appended(list(append.first(), item), list(append.second(), item));
            case Operand.Size size -> throw new IllegalArgumentException("size is not an update operand");
        };
    }

    /** {@code first} followed by {@code second}: list_append, and a legacy ADD of a list. */
    private static AttributeValue.L appended(List<AttributeValue> first, List<AttributeValue> second) {
        List<AttributeValue> joined = new ArrayList<>(first);
        joined.addAll(second);
        return new AttributeValue.L(joined);
    }

    private static DynamoNumber number(Operand operand, Map<String, AttributeValue> item) {
        if (evaluate(operand, item) instanceof AttributeValue.N n) {
            return n.value();
        }
        throw TablesException.validation(WRONG_TYPE);
    }

    private static List<AttributeValue> list(Operand operand, Map<String, AttributeValue> item) {
        if (evaluate(operand, item) instanceof AttributeValue.L l) {
            return l.values();
        }
        throw TablesException.validation(WRONG_TYPE);
    }

    private static AttributeValue add(Optional<AttributeValue> existing, AttributeValue operand) {
        if (existing.isEmpty()) {
            return operand;
        }
        return switch (existing.get()) {
            case AttributeValue.N n when operand instanceof AttributeValue.N add -> new AttributeValue.N(n.value().plus(add.value()));
            case AttributeValue.SS ss when operand instanceof AttributeValue.SS add -> new AttributeValue.SS(union(ss.values(), add.values()));
            case AttributeValue.NS ns when operand instanceof AttributeValue.NS add -> new AttributeValue.NS(union(ns.values(), add.values()));
            case AttributeValue.BS bs when operand instanceof AttributeValue.BS add -> new AttributeValue.BS(union(bs.values(), add.values()));
            // only legacy AttributeUpdates can ADD a list (the expression grammar refuses it): it appends
            case AttributeValue.L l when operand instanceof AttributeValue.L add -> appended(l.values(), add.values());
            default -> throw TablesException.validation(WRONG_TYPE);
        };
    }

    private static Optional<AttributeValue> delete(Optional<AttributeValue> existing, AttributeValue operand) {
        if (existing.isEmpty()) {
            return existing;
        }
        return switch (existing.get()) {
            case AttributeValue.SS ss when operand instanceof AttributeValue.SS del ->
                    difference(ss.values(), del.values()).<AttributeValue>map(AttributeValue.SS::new);
            case AttributeValue.NS ns when operand instanceof AttributeValue.NS del ->
                    difference(ns.values(), del.values()).<AttributeValue>map(AttributeValue.NS::new);
            case AttributeValue.BS bs when operand instanceof AttributeValue.BS del ->
                    difference(bs.values(), del.values()).<AttributeValue>map(AttributeValue.BS::new);
            default -> throw TablesException.validation(WRONG_TYPE);
        };
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> union = new LinkedHashSet<>(a);
        union.addAll(b);
        return union;
    }

    /** What is left of {@code a}; empty when nothing is, because DynamoDB then removes the attribute. */
    private static <T> Optional<Set<T>> difference(Set<T> a, Collection<T> b) {
        Set<T> left = new LinkedHashSet<>(a);
        left.removeAll(b);
        return left.isEmpty() ? Optional.empty() : Optional.of(left);
    }

    private static int highestIndexFirst(UpdateAction.Remove a, UpdateAction.Remove b) {
        return Integer.compare(lastIndex(b.path()), lastIndex(a.path()));
    }

    private static int lastIndex(Path path) {
        return path.elements().get(path.elements().size() - 1) instanceof Path.Index index ? index.index() : -1;
    }

}
