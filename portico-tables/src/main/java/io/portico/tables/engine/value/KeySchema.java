package io.portico.tables.engine.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key attributes a query runs over (a table's or an index's): the partition key and, optionally, the
 * sort key, each with its scalar type ({@code S}, {@code N} or {@code B}).
 */
public record KeySchema(Attribute partition, Optional<Attribute> sort) {

    /** A key attribute's name and type. */
    public record Attribute(String name, String type) {}

    public static KeySchema of(String partition, String partitionType) {
        return new KeySchema(new Attribute(partition, partitionType), Optional.empty());
    }

    public static KeySchema of(String partition, String partitionType, String sort, String sortType) {
        return new KeySchema(new Attribute(partition, partitionType), Optional.of(new Attribute(sort, sortType)));
    }

    /** The key attributes, partition key first. */
    public List<Attribute> attributes() {
        List<Attribute> attributes = new ArrayList<>(2);
        attributes.add(partition);
        sort.ifPresent(attributes::add);
        return attributes;
    }

    /** The key attribute names, partition key first. */
    public List<String> names() {
        return attributes().stream().map(Attribute::name).toList();
    }
}
