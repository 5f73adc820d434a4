package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** stdout, stderr and both Lambda loggers land in the right log: init's, then each invocation's. */
class OutputCaptureTest extends RuntimeTesting {

    @Test
    void staticInitialiserOutput_goesToTheInitLog() {
        RecordingLog initLog = new RecordingLog();

        start(Fixtures.spec("example.PrintingHandler"), initLog);

        assertThat(initLog.text()).contains("init: stdout\n");
    }

    @Test
    void handlerOutput_throughEveryChannel_goesToItsInvocationsLog() {
        RecordingLog initLog = new RecordingLog();
        ExecutionEnvironment printing = start(Fixtures.spec("example.PrintingHandler"), initLog);
        RecordingLog first = new RecordingLog();
        RecordingLog second = new RecordingLog();

        assertThat(response(invoke(printing, "\"one\"", first))).isEqualTo("\"printed one\"");
        assertThat(response(invoke(printing, "\"two\"", second))).isEqualTo("\"printed two\"");

        assertThat(first.text()).contains("stdout: one\n", "stderr: one\n", "no newline; ", "logger: one\n",
                "bytes: one\n", "leveled: one\n", "runtime logger: one\n");
        assertThat(first.text()).doesNotContain("two");
        assertThat(second.text()).contains("stdout: two\n", "runtime logger: two\n").doesNotContain("one");
        assertThat(initLog.text()).doesNotContain("one", "two");
    }
}
