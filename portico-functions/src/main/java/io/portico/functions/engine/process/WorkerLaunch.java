package io.portico.functions.engine.process;

import io.portico.functions.engine.VersionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Everything needed to start (and, after a crash, restart) the workers of one environment:
 * {@code directory} is the environment's own, for its workers' output files; {@code initTimeout}
 * bounds each init.
 */
record WorkerLaunch(VersionSpec spec, WorkerCommand command, RuntimeApiServers servers, Path directory,
        Duration initTimeout) {
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    /** Lambda's {@code yyyy/MM/dd/[version]<32 hex>}: a new stream per worker, as per sandbox on Lambda. */
    String newLogStreamName() {
        return LocalDate.now(ZoneOffset.UTC).format(LOG_STREAM_DATE) + "/[" + spec.version() + "]"
                + UUID.randomUUID().toString().replace("-", "");
    }
}
