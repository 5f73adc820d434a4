package io.portico.core.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueOptionsTest {

    @Test
    void backoffAfter_doublesFromTheFirstDelay_upToTheMaximum() {
        QueueOptions options = QueueOptions.defaults().withBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

        assertThat(options.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.backoffAfter(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(options.backoffAfter(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.backoffAfter(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void options_outOfRange_areRejected() {
        QueueOptions defaults = QueueOptions.defaults();
        assertThatThrownBy(() -> defaults.withConcurrency(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withLease(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMaxFailures(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
