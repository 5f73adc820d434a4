package io.portico.tables.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A checked key schema: the partition key and, for a composite key, the sort key. Immutable. */
public record KeySchema(String hash, Optional<String> range) {

    /** A simple key: a partition key alone. */
    public static KeySchema of(String hash) {
        return new KeySchema(hash, Optional.empty());
    }

    public static KeySchema of(String hash, String range) {
        return new KeySchema(hash, Optional.of(range));
    }

    /** The key's attributes, partition key first. */
    public List<String> attributes() {
        List<String> names = new ArrayList<>(2);
        names.add(hash);
        range.ifPresent(names::add);
        return names;
    }

    /** The schema as elements, as DescribeTable lists it. */
    public List<KeyElement> elements() {
        List<KeyElement> elements = new ArrayList<>(2);
        elements.add(new KeyElement(hash, KeyType.HASH));
        range.ifPresent(r -> elements.add(new KeyElement(r, KeyType.RANGE)));
        return elements;
    }
}
