package io.portico.tables.engine.expression;

import io.portico.tables.engine.value.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Applies a projection: the item reduced to the values at the given paths, each kept where it was
 * nested. Paths reaching nothing are left out; list elements picked by index keep their relative order
 * and close up ({@code l[3], l[1]} gives a two-element list, index 1's element first). Stateless.
 */
public final class Projector {

    private Projector() {}

    /** The part of {@code item} that {@code projection} selects. */
    public static Map<String, AttributeValue> project(Map<String, AttributeValue> item, Projection projection) {
        return project(item, projection.paths());
    }

    /** The part of {@code item} at {@code paths} (also what UPDATED_OLD and UPDATED_NEW return). */
    public static Map<String, AttributeValue> project(Map<String, AttributeValue> item, List<Path> paths) {
        Node root = new Node();
        for (Path path : paths) {
            Optional<AttributeValue> value = DocumentPaths.get(item, path);
            if (value.isEmpty()) {
                continue;
            }
            Node node = root;
            for (Path.Element element : path.elements()) {
                node = node.child(element);
            }
            node.leaf = value.get();
        }
        Map<String, AttributeValue> projected = new LinkedHashMap<>();
        root.keys.forEach((name, child) -> projected.put(name, child.value()));
        return projected;
    }

    /** A value under construction: a leaf taken whole, or the map keys or list indexes picked so far. */
    private static final class Node {
        private final Map<String, Node> keys = new LinkedHashMap<>();
        private final TreeMap<Integer, Node> indexes = new TreeMap<>();
        private AttributeValue leaf;

        Node child(Path.Element element) {
            return switch (element) {
                case Path.Key key -> keys.computeIfAbsent(key.name(), k -> new Node());
                case Path.Index index -> indexes.computeIfAbsent(index.index(), i -> new Node());
            };
        }

        AttributeValue value() {
            if (leaf != null) {
                return leaf;
            }
            if (!indexes.isEmpty()) {
                List<AttributeValue> elements = new ArrayList<>();
                indexes.values().forEach(child -> elements.add(child.value()));
                return new AttributeValue.L(elements);
            }
            Map<String, AttributeValue> entries = new LinkedHashMap<>();
            keys.forEach((name, child) -> entries.put(name, child.value()));
            return new AttributeValue.M(entries);
        }
    }
}
