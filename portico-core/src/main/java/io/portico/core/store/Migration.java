package io.portico.core.store;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One step of a module's schema: its version (1, 2, ...), the statements that take it there, and then
 * any code that moves data the statements cannot (rows carried from an old table into another
 * module's, say), in the same transaction. Immutable.
 */
public record Migration(int version, List<String> statements, Consumer<StoreTransaction> code) {
    private static final Consumer<StoreTransaction> NO_CODE = tx -> { };

    public Migration {
        statements = List.copyOf(statements);
        Objects.requireNonNull(code, "code");
    }

    /** A migration of SQL statements only. */
    public static Migration of(int version, String... statements) {
        return new Migration(version, List.of(statements), NO_CODE);
    }

    /** A migration that runs {@code code} (which may also issue statements) in its transaction. */
    public static Migration ofCode(int version, Consumer<StoreTransaction> code) {
        return new Migration(version, List.of(), code);
    }
}
