package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class DurableJournalTest {

    @Test
    void record_detailsThatFailToBuild_leaveNoGapInTheIds() {
        DurableJournal journal = new DurableJournal(Clock.systemUTC(), 0);

        assertThatThrownBy(() -> journal.record(EventType.PassStateEntered, 0, () -> {
            throw new IllegalStateException("details that cannot be written");
        })).isInstanceOf(IllegalStateException.class);
        long failed = journal.record(EventType.ExecutionFailed, 0, () -> null);

        assertThat(failed).isEqualTo(1);
        assertThat(journal.drainEvents()).extracting(HistoryEvent::id).containsExactly(1L);
    }
}
