package io.portico.functions.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.functions.engine.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a worker's output file back, invocation by invocation. */
class ProcessOutputTest {

    @Test
    void drainTo_writesWhatWasAppendedSinceTheLastDrain(@TempDir Path dir) throws Exception {
        try (ProcessOutput output = ProcessOutput.create(dir.resolve("out.log"))) {
            append(output, "first\n".getBytes());
            RecordingLog one = new RecordingLog();
            output.drainTo(one);
            append(output, "second\n".getBytes());
            RecordingLog two = new RecordingLog();
            output.drainTo(two);
            assertThat(one.text()).isEqualTo("first\n");
            assertThat(two.text()).isEqualTo("second\n");
        }
    }

    @Test
    void drainTo_holdsBackAnUnfinishedUtf8Sequence(@TempDir Path dir) throws Exception {
        byte[] euro = "€\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (ProcessOutput output = ProcessOutput.create(dir.resolve("out.log"))) {
            append(output, new byte[] {'a', euro[0], euro[1]});
            RecordingLog one = new RecordingLog();
            output.drainTo(one);
            append(output, new byte[] {euro[2], euro[3]});
            RecordingLog two = new RecordingLog();
            output.drainTo(two);
            assertThat(one.text()).isEqualTo("a");
            assertThat(two.text()).isEqualTo("€\n");
        }
    }

    @Test
    void close_deletesTheFile_andLaterDrainsWriteNothing(@TempDir Path dir) throws Exception {
        ProcessOutput output = ProcessOutput.create(dir.resolve("out.log"));
        append(output, "late\n".getBytes());
        output.close();
        RecordingLog log = new RecordingLog();
        output.drainTo(log);
        assertThat(log.text()).isEmpty();
        assertThat(dir.resolve("out.log")).doesNotExist();
    }

    private static void append(ProcessOutput output, byte[] bytes) throws Exception {
        Files.write(output.file(), bytes, StandardOpenOption.APPEND);
    }
}
