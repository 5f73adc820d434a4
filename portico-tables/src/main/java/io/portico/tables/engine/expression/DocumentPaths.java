package io.portico.tables.engine.expression;

import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.value.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads and rewrites the value at a {@link Path} of an item. Items and values are immutable, so a write
 * rebuilds the maps and lists along the path and shares everything else. Stateless.
 */
public final class DocumentPaths {

    static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";

    private DocumentPaths() {}

    /** The value at {@code path}; empty when any step leads nowhere or into a value of another type. */
    public static Optional<AttributeValue> get(Map<String, AttributeValue> item, Path path) {
        AttributeValue current = item.get(path.attribute());
        for (Path.Element element : path.elements().subList(1, path.elements().size())) {
            if (current == null) {
                return Optional.empty();
            }
            current = switch (element) {
                case Path.Key key -> current instanceof AttributeValue.M m ? m.values().get(key.name()) : null;
                case Path.Index index -> current instanceof AttributeValue.L l && index.index() < l.values().size()
                        ? l.values().get(index.index()) : null;
            };
        }
        return Optional.ofNullable(current);
    }

    /**
     * {@code item} with {@code change} applied to the value at {@code path} (which receives empty when the
     * path's last step is absent, and returns empty to remove it). Setting a list index past the end appends.
     *
     * @throws TablesException {@code INVALID_REQUEST} when a step before the last is absent or of the wrong type
     */
    static Map<String, AttributeValue> change(Map<String, AttributeValue> item, Path path,
            UnaryOperator<Optional<AttributeValue>> change) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        String attribute = path.attribute();
        List<Path.Element> rest = path.elements().subList(1, path.elements().size());
        if (rest.isEmpty()) {
            put(copy, attribute, change.apply(Optional.ofNullable(item.get(attribute))));
            return copy;
        }
        AttributeValue parent = item.get(attribute);
        if (parent == null) {
            throw TablesException.validation(INVALID_PATH);
        }
        copy.put(attribute, changeWithin(parent, rest, change));
        return copy;
    }

    private static AttributeValue changeWithin(AttributeValue container, List<Path.Element> steps,
            UnaryOperator<Optional<AttributeValue>> change) {
        Path.Element step = steps.get(0);
        List<Path.Element> rest = steps.subList(1, steps.size());
        return switch (step) {
            case Path.Key key -> {
                if (!(container instanceof AttributeValue.M m)) {
                    throw TablesException.validation(INVALID_PATH);
                }
                Map<String, AttributeValue> entries = new LinkedHashMap<>(m.values());
                AttributeValue child = entries.get(key.name());
                if (rest.isEmpty()) {
                    put(entries, key.name(), change.apply(Optional.ofNullable(child)));
                } else if (child == null) {
                    throw TablesException.validation(INVALID_PATH);
                } else {
                    entries.put(key.name(), changeWithin(child, rest, change));
                }
                yield new AttributeValue.M(entries);
            }
            case Path.Index index -> {
                if (!(container instanceof AttributeValue.L l)) {
                    throw TablesException.validation(INVALID_PATH);
                }
                List<AttributeValue> elements = new ArrayList<>(l.values());
                boolean present = index.index() < elements.size();
                if (rest.isEmpty()) {
                    Optional<AttributeValue> changed = change.apply(
                            present ? Optional.of(elements.get(index.index())) : Optional.empty());
                    if (present) {
                        changed.ifPresentOrElse(v -> elements.set(index.index(), v), () -> elements.remove(index.index()));
                    } else {
                        changed.ifPresent(elements::add);
                    }
                } else if (!present) {
                    throw TablesException.validation(INVALID_PATH);
                } else {
                    elements.set(index.index(), changeWithin(elements.get(index.index()), rest, change));
                }
                yield new AttributeValue.L(elements);
            }
        };
    }

    private static void put(Map<String, AttributeValue> map, String key, Optional<AttributeValue> value) {
        value.ifPresentOrElse(v -> map.put(key, v), () -> map.remove(key));
    }
}
