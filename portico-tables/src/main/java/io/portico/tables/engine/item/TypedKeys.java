package io.portico.tables.engine.item;

import io.portico.tables.engine.AttributeDefinition;
import io.portico.tables.engine.SecondaryIndex;
import io.portico.tables.engine.TableDefinition;
import io.portico.tables.engine.value.KeySchema;

/**
 * The typed key schema ({@code engine.value.KeySchema}: names and S/N/B types) of a table or of one of its
 * indexes. The control plane keeps keys as names ({@code engine.KeySchema}) beside the attribute
 * definitions that type them, which is what CreateTable and DescribeTable speak; key checks, key
 * encodings and key conditions need the types, so this is the one place the first becomes the second.
 * Stateless.
 */
public final class TypedKeys {
    private TypedKeys() {
    }

    public static KeySchema of(TableDefinition definition) {
        return typed(definition.keys(), definition);
    }

    public static KeySchema of(TableDefinition definition, SecondaryIndex index) {
        return typed(index.keys(), definition);
    }

    private static KeySchema typed(io.portico.tables.engine.KeySchema keys, TableDefinition definition) {
        String hashType = type(keys.hash(), definition);
        return keys.range().map(range -> KeySchema.of(keys.hash(), hashType, range, type(range, definition)))
                .orElseGet(() -> KeySchema.of(keys.hash(), hashType));
    }

    private static String type(String attribute, TableDefinition definition) {
        return definition.attributes().stream().filter(a -> a.name().equals(attribute)).findFirst()
                .map(AttributeDefinition::type).map(Enum::name)
                .orElseThrow(() -> new IllegalStateException("stored table has no definition of key " + attribute));
    }
}
