package io.portico.functions.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.functions.engine.ExecutionEnvironment;
import io.portico.functions.engine.FunctionInitException;
import io.portico.functions.engine.FunctionRuntime;
import io.portico.functions.engine.InvocationLog;
import io.portico.functions.engine.InvocationOutcome;
import io.portico.functions.engine.InvocationRequest;
import io.portico.functions.engine.RecordingLog;
import io.portico.functions.engine.VersionSpec;
import io.portico.functions.engine.process.JavaRuntimeSwitch.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which side runs a Java function: the function's PORTICO_JAVA_RUNTIME, else the switch's default. */
class JavaRuntimeSwitchTest {
    final NamedRuntime inProcess = new NamedRuntime("in-process", Set.of("java17", "java21", "java25"));
    final NamedRuntime process = new NamedRuntime("process", Set.of("java11", "java17", "java21", "java25", "provided.al2023"));

    @Test
    void supports_javaRuntimesOfEitherSide_only() {
        JavaRuntimeSwitch javaSwitch = JavaRuntimeSwitch.of(inProcess, process, Mode.IN_PROCESS);
        assertThat(javaSwitch.supports("java21")).isTrue();
        assertThat(javaSwitch.supports("java11")).isTrue();
        assertThat(javaSwitch.supports("provided.al2023")).isFalse();
        assertThat(javaSwitch.supports("java8")).isFalse();
    }

    @Test
    void start_withoutTheVariable_usesTheDefault() throws Exception {
        assertThat(startWith(Mode.IN_PROCESS, "java21", Map.of())).isEqualTo("in-process");
        assertThat(startWith(Mode.PROCESS, "java21", Map.of())).isEqualTo("process");
    }

    @Test
    void start_withTheVariable_followsIt() throws Exception {
        assertThat(startWith(Mode.IN_PROCESS, "java21", Map.of("PORTICO_JAVA_RUNTIME", "process"))).isEqualTo("process");
        assertThat(startWith(Mode.PROCESS, "java21", Map.of("PORTICO_JAVA_RUNTIME", "in-process"))).isEqualTo("in-process");
        assertThat(startWith(Mode.IN_PROCESS, "java21", Map.of("PORTICO_JAVA_RUNTIME", " Process "))).isEqualTo("process");
    }

    @Test
    void start_aRuntimeOnlyTheProcessSideRuns_goesThereWhateverTheMode() throws Exception {
        assertThat(startWith(Mode.IN_PROCESS, "java11", Map.of("PORTICO_JAVA_RUNTIME", "in-process"))).isEqualTo("process");
    }

    @Test
    void start_withAnUnknownValue_failsTheInit() {
        assertThatThrownBy(() -> startWith(Mode.IN_PROCESS, "java21", Map.of("PORTICO_JAVA_RUNTIME", "docker")))
                .isInstanceOfSatisfying(FunctionInitException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("PORTICO_JAVA_RUNTIME must be process or in-process, not 'docker'"));
    }

    @Test
    void modeOf_readsTheValuesTheVariableAndTheServerSettingTake() {
        assertThat(Mode.of("process")).contains(Mode.PROCESS);
        assertThat(Mode.of(" In-Process ")).contains(Mode.IN_PROCESS);
        assertThat(Mode.of("docker")).isEmpty();
    }

    private String startWith(Mode defaultMode, String runtime, Map<String, String> variables) throws Exception {
        VersionSpec spec = Functions.spec("fn", runtime, "example.Handler", Path.of("."), variables, 3);
        inProcess.started.clear();
        process.started.clear();
        JavaRuntimeSwitch.of(inProcess, process, defaultMode).start(spec, new RecordingLog());
        return !inProcess.started.isEmpty() ? inProcess.name : process.started.isEmpty() ? "neither" : process.name;
    }

    /** A runtime that records what it was asked to start; its environments do nothing. */
    static final class NamedRuntime implements FunctionRuntime {
        final String name;
        final Set<String> runtimes;
        final List<VersionSpec> started = new ArrayList<>();

        NamedRuntime(String name, Set<String> runtimes) {
            this.name = name;
            this.runtimes = runtimes;
        }

        @Override
        public boolean supports(String runtime) {
            return runtimes.contains(runtime);
        }

        @Override
        public ExecutionEnvironment start(VersionSpec spec, InvocationLog initLog) {
            started.add(spec);
            return new ExecutionEnvironment() {
                @Override
                public long initDurationMillis() {
                    return 0;
                }

                @Override
                public InvocationOutcome invoke(InvocationRequest request) {
                    return new InvocationOutcome.Success(new byte[0]);
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
