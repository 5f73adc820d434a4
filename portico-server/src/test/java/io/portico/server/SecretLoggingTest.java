package io.portico.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.portico.core.protocol.AccessKey;
import io.portico.server.testing.PorticoClients;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;

/** A configured secret never reaches the log, whatever happens. */
class SecretLoggingTest {

    private static final String SECRET = "SuperSecretValue-do-not-log-42";

    @TempDir
    Path dataDir;

    @Test
    void log_neverContainsConfiguredSecret() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        appender.start();
        root.addAppender(appender);
        try {
            List<AccessKey> keys = Main.parseCredentials(List.of("AKIDLOG:" + SECRET), "AKIDENV:" + SECRET + ":111122223333");
            PorticoServer server = PorticoServer.create(PorticoConfig.forTests(dataDir).withCredentials(keys),
                    Clock.systemUTC(), context -> List.of(new FakeStatesService().api()));
            Main.startAndAnnounce(server);
            try (server; SfnClient sfn = new PorticoClients(server.awsEndpoint(), "AKIDLOG", SECRET).create(
                    SfnClient.builder().overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))))) {
                sfn.listStateMachines(b -> { });
                assertThatThrownBy(() -> sfn.deleteStateMachine(b -> b.stateMachineArn("arn:x")))
                        .isInstanceOf(RuntimeException.class); // logged as an internal failure
            }
            assertThatThrownBy(() -> Main.parseCredentials(List.of("AKID:" + SECRET + ":notanaccount"), null))
                    .hasMessageNotContaining(SECRET);
        } finally {
            root.detachAppender(appender);
        }

        assertThat(appender.list).isNotEmpty();
        assertThat(appender.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("ready"));
        for (ILoggingEvent event : appender.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(SECRET);
            if (event.getThrowableProxy() != null) {
                assertThat(ThrowableProxyUtil.asString(event.getThrowableProxy())).doesNotContain(SECRET);
            }
        }
    }
}
