package io.portico.functions.engine.process;

import io.portico.functions.engine.InvocationLog;
import io.portico.functions.engine.InvocationRequest;
import io.portico.functions.engine.VersionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Function code, specs and requests for the process runtime's tests. */
final class Functions {
    static final String ARN = "arn:aws:lambda:eu-west-1:000000000000:function:";
    static final String ENDPOINT = "http://127.0.0.1:4566";

    private Functions() {
    }

    /** {@code codeDirectory} holding the test bootstrap ({@code bootstrap.sh}), executable. */
    static Path bashBootstrap(Path codeDirectory) {
        try (InputStream in = Functions.class.getResourceAsStream("bootstrap.sh")) {
            Files.createDirectories(codeDirectory);
            Path bootstrap = codeDirectory.resolve("bootstrap");
            Files.copy(in, bootstrap);
            Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
            return codeDirectory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code codeDirectory} holding Lambda's tutorial runtime: {@code bootstrap} and {@code function.sh}. */
    static Path tutorial(Path codeDirectory) throws IOException {
        Files.createDirectories(codeDirectory);
        for (String file : new String[] {"bootstrap", "function.sh"}) {
            try (InputStream in = Functions.class.getResourceAsStream("tutorial/" + file)) {
                Files.copy(in, codeDirectory.resolve(file));
            }
        }
        Files.setPosixFilePermissions(codeDirectory.resolve("bootstrap"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return codeDirectory;
    }

    /** A provided.al2023 function {@code name} whose bootstrap runs in {@code mode}. */
    static VersionSpec provided(String name, Path code, String mode) {
        return provided(name, code, Map.of("MODE", mode), 30);
    }

    static VersionSpec provided(String name, Path code, Map<String, String> variables, int timeoutSeconds) {
        return spec(name, "provided.al2023", "function.handler", code, variables, timeoutSeconds);
    }

    static VersionSpec spec(String name, String runtime, String handler, Path code, Map<String, String> variables,
            int timeoutSeconds) {
        return new VersionSpec("000000000000", "eu-west-1", name, ARN + name, "$LATEST", runtime, handler, 256,
                timeoutSeconds, variables, code, ENDPOINT);
    }

    static InvocationRequest request(VersionSpec spec, String payload, InvocationLog log) {
        return new InvocationRequest(UUID.randomUUID().toString(), payload.getBytes(StandardCharsets.UTF_8),
                Instant.now().plusSeconds(spec.timeoutSeconds()), spec.qualifiedArn(), Optional.empty(),
                Optional.empty(), log);
    }
}
