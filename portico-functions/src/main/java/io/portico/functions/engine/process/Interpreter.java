package io.portico.functions.engine.process;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A language whose Lambda runtimes Portico runs on the machine's own interpreter, with a bootstrap of
 * Portico's in the part of Lambda's runtime interface client: Node.js ({@code nodejs20.x} on
 * {@code node}) and Python ({@code python3.12} on {@code python3}). What differs between them is here;
 * finding the interpreter and checking its version is {@link InterpreterInstallation}'s.
 */
public enum Interpreter {
    NODE("Node.js", "node", Pattern.compile("nodejs(\\d+)\\.x"), Pattern.compile("v(\\d+)\\.\\d+\\.\\d+\\S*"),
            "node/bootstrap.mjs", "portico.lambda.node") {
        @Override
        List<String> arguments(int memorySizeMb) {
            // as Lambda's Node.js bootstrap starts node: old space at 90 % of the function's memory
            return List.of("--expose-gc", "--max-http-header-size=81920",
                    "--max-old-space-size=" + Math.max(16, memorySizeMb * 90 / 100));
        }

        @Override
        Map<String, String> variables(String codeDirectory) {
            return Map.of("NODE_PATH", codeDirectory);
        }
    },
    PYTHON("Python", "python3", Pattern.compile("python(\\d+)\\.(\\d+)"), Pattern.compile("Python (\\d+)\\.(\\d+)\\.\\d+\\S*"),
            "python/bootstrap.py", "portico.lambda.python") {
        @Override
        List<String> arguments(int memorySizeMb) {
            return List.of("-u"); // unbuffered: a print is in the invocation's log before its answer is
        }

        @Override
        Map<String, String> variables(String codeDirectory) {
            return Map.of("PYTHONPATH", codeDirectory, "PYTHONDONTWRITEBYTECODE", "1");
        }
    };

    private final String language;
    private final String executable;
    private final Pattern runtime;
    private final Pattern version;
    private final String bootstrap;
    private final String property;

    Interpreter(String language, String executable, Pattern runtime, Pattern version, String bootstrap, String property) {
        this.language = language;
        this.executable = executable;
        this.runtime = runtime;
        this.version = version;
        this.bootstrap = bootstrap;
        this.property = property;
    }

    /** The interpreter of {@code runtime} ({@code nodejs22.x}, {@code python3.13}), if Portico runs it on one. */
    static Optional<Interpreter> of(String runtime) {
        for (Interpreter interpreter : values()) {
            if (interpreter.runtime.matcher(runtime).matches()) {
                return Optional.of(interpreter);
            }
        }
        return Optional.empty();
    }

    /** The system property that names the interpreter's executable (the one on {@code PATH} without it). */
    public String property() {
        return property;
    }

    String language() {
        return language;
    }

    String executable() {
        return executable;
    }

    String bootstrapResource() {
        return bootstrap;
    }

    /**
     * The version {@code runtime} asks for, as the interpreter numbers it: Node.js by its major ({@code 20}),
     * Python by major and minor ({@code 3.12}).
     */
    Version wanted(String runtime) {
        Matcher matcher = this.runtime.matcher(runtime);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a " + language + " runtime: " + runtime);
        }
        return Version.of(matcher);
    }

    /** The version in what {@code --version} printed, compared as {@link #wanted} numbers it; empty if unreadable. */
    Optional<Version> installed(String printed) {
        Matcher matcher = version.matcher(printed.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(Version.of(matcher));
    }

    /** The interpreter's options before the bootstrap, for a function of {@code memorySizeMb}. */
    abstract List<String> arguments(int memorySizeMb);

    /** The variables the runtime family sets beside {@code AWS_EXECUTION_ENV}, code in {@code codeDirectory}. */
    abstract Map<String, String> variables(String codeDirectory);

    /** A version as a language numbers it: {@code [20]}, {@code [3, 12]}. Compared part by part. */
    record Version(List<Integer> parts) implements Comparable<Version> {
        static Version of(Matcher matcher) {
            return new Version(IntStream.rangeClosed(1, matcher.groupCount())
                    .mapToObj(i -> Integer.parseInt(matcher.group(i))).toList());
        }

        @Override
        public int compareTo(Version other) {
            for (int i = 0; i < Math.min(parts.size(), other.parts.size()); i++) {
                int compared = Integer.compare(parts.get(i), other.parts.get(i));
                if (compared != 0) {
                    return compared;
                }
            }
            return Integer.compare(parts.size(), other.parts.size());
        }

        @Override
        public String toString() {
            return String.join(".", parts.stream().map(String::valueOf).toList());
        }
    }
}
