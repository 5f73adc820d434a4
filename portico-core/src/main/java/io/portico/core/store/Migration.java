package io.portico.core.store;

import java.util.List;

/** One step of a module's schema: its version (1, 2, ...) and the statements that take it there. */
public record Migration(int version, List<String> statements) {

    public static Migration of(int version, String... statements) {
        return new Migration(version, List.of(statements));
    }
}
