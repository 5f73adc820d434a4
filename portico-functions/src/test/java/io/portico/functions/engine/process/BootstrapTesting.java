package io.portico.functions.engine.process;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that run the test bootstrap ({@code bootstrap.sh}) in the process runtime: before a
 * test class's first test it starts a {@link ProcessRuntime} and writes the bootstrap into a code
 * directory of the class's own; after its last test it closes the runtime. Test classes run one at a
 * time, so the static fields belong to the class running.
 */
abstract class BootstrapTesting {
    static ProcessRuntime runtime;
    static Path code;

    @BeforeAll
    static void startRuntime(@TempDir Path temp) {
        runtime = ProcessRuntime.create();
        code = Functions.bashBootstrap(temp.resolve("code"));
    }

    @AfterAll
    static void closeRuntime() {
        runtime.close();
    }
}
