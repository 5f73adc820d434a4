package io.portico.functions.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Lambda's (Go's) wording of how a worker ended or failed to start, from what Java reports. */
class ErrorWordingTest {

    @Test
    void exitReason_namesTheStatus_orTheSignal() {
        assertThat(PlatformErrors.exitReason(0)).isEqualTo("Runtime exited without providing a reason");
        assertThat(PlatformErrors.exitReason(1)).isEqualTo("Runtime exited with error: exit status 1");
        assertThat(PlatformErrors.exitReason(137)).isEqualTo("Runtime exited with error: signal: killed");
        assertThat(PlatformErrors.exitReason(139)).isEqualTo("Runtime exited with error: signal: segmentation fault");
        assertThat(PlatformErrors.exitReason(200)).isEqualTo("Runtime exited with error: exit status 200");
    }

    @Test
    void execFailure_readsBothJdkFormats() {
        assertThat(WorkerProcess.execFailure("/code/bootstrap", new IOException(
                "Cannot run program \"/code/bootstrap\" (in directory \"/code\"): error=8, Exec format error")))
                .isEqualTo("fork/exec /code/bootstrap: exec format error");
        assertThat(WorkerProcess.execFailure("/code/bootstrap", new IOException(
                "Cannot run program \"/code/bootstrap\" (in directory \"/code\"): Exec failed, error: 13 (Permission denied) ")))
                .isEqualTo("fork/exec /code/bootstrap: permission denied");
    }
}
