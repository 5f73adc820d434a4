package io.portico.functions.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.functions.engine.ExecutionEnvironment;
import io.portico.functions.engine.InvocationOutcome;
import io.portico.functions.engine.RecordingLog;
import io.portico.functions.engine.VersionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Node.js and Python function code for the process runtime's tests: source files written into a fresh
 * code directory, and stand-in interpreters.
 */
final class ScriptFunctions {
    private ScriptFunctions() {
    }

    /** Whether {@code executable} is on the PATH (its version is the runtime's business). */
    static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(entry -> !entry.isEmpty() && Files.isExecutable(Path.of(entry, executable)));
    }

    /** A stand-in interpreter at {@code file} that prints {@code version} and exits, as {@code --version} does. */
    static Path fakeInterpreter(Path file, String version) {
        try {
            Files.writeString(file, "#!/bin/sh\necho " + version + "\n");
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new code directory under {@code parent} holding {@code files} (relative path to content). */
    static Path code(Path parent, Map<String, String> files) {
        Path code = parent.resolve("code-" + UUID.randomUUID());
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = code.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            Files.createDirectories(code);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return code;
    }

    /** A {@code nodejs18.x} function: the oldest Node.js runtime Lambda runs, so any newer node runs it. */
    static VersionSpec node(String name, Path code, String handler) {
        return Functions.spec(name, "nodejs18.x", handler, code, Map.of(), 30);
    }

    /** A {@code python3.9} function: the oldest Python runtime Lambda runs, so any newer python3 runs it. */
    static VersionSpec python(String name, Path code, String handler) {
        return Functions.spec(name, "python3.9", handler, code, Map.of(), 30);
    }

    /** Invokes {@code spec} once in a new environment of {@code runtime}, and answers its (successful) payload. */
    static String invokeOk(ProcessRuntime runtime, VersionSpec spec, String payload) throws Exception {
        try (ExecutionEnvironment environment = runtime.start(spec, new RecordingLog())) {
            RecordingLog log = new RecordingLog();
            InvocationOutcome outcome = environment.invoke(Functions.request(spec, payload, log));
            assertThat(outcome).as(log.text()).isInstanceOf(InvocationOutcome.Success.class);
            return text(((InvocationOutcome.Success) outcome).payload());
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
