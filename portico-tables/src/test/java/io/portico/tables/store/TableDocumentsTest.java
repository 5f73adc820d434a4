package io.portico.tables.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.tables.engine.AttributeDefinition;
import io.portico.tables.engine.AttributeType;
import io.portico.tables.engine.BillingMode;
import io.portico.tables.engine.Encryption;
import io.portico.tables.engine.IndexStatus;
import io.portico.tables.engine.KeySchema;
import io.portico.tables.engine.Projection;
import io.portico.tables.engine.ProjectionType;
import io.portico.tables.engine.SecondaryIndex;
import io.portico.tables.engine.StreamViewType;
import io.portico.tables.engine.TableDefinition;
import io.portico.tables.engine.TableStream;
import io.portico.tables.engine.Throughput;
import io.portico.tables.engine.TimeToLive;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A definition survives the stored JSON form whole, every optional part present or absent. */
class TableDocumentsTest {

    @Test
    void definition_roundTripsThroughItsStoredText() {
        TableDefinition full = new TableDefinition(
                List.of(new AttributeDefinition("a", AttributeType.S), new AttributeDefinition("n", AttributeType.N)),
                KeySchema.of("a", "n"),
                List.of(new SecondaryIndex("g", SecondaryIndex.Scope.GLOBAL, KeySchema.of("n"),
                        new Projection(ProjectionType.INCLUDE, List.of("x", "y")), Optional.of(new Throughput(3, 4)),
                        IndexStatus.CREATING, true)),
                BillingMode.PAY_PER_REQUEST, Throughput.NONE, Optional.of(Instant.parse("2026-01-01T00:00:00.123Z")),
                Optional.of(new TableStream("2026-01-01T00:00:00.123", StreamViewType.KEYS_ONLY, false)),
                Optional.of(new Encryption(Optional.of("alias/mine"))), true, Optional.of("STANDARD"),
                new TimeToLive(true, Optional.of("ttl")), Optional.of(Instant.parse("2026-01-02T00:00:00.456Z")),
                Optional.of(new Throughput(1000, 1200)));
        TableDefinition bare = new TableDefinition(List.of(new AttributeDefinition("id", AttributeType.B)),
                KeySchema.of("id"), List.of(), BillingMode.PROVISIONED, new Throughput(1, 1), Optional.empty(),
                Optional.empty(), Optional.empty(), false, Optional.empty(), TimeToLive.DISABLED, Optional.empty(), Optional.empty());

        assertThat(TableDocuments.read("full", TableDocuments.write(full))).isEqualTo(full);
        assertThat(TableDocuments.read("bare", TableDocuments.write(bare))).isEqualTo(bare);
    }

    @Test
    void read_ofChangedTextUnderTheSameId_answersTheNewDefinition_notTheLastParsed() {
        TableDefinition before = new TableDefinition(List.of(new AttributeDefinition("id", AttributeType.S)),
                KeySchema.of("id"), List.of(), BillingMode.PAY_PER_REQUEST, Throughput.NONE, Optional.empty(),
                Optional.empty(), Optional.empty(), false, Optional.empty(), TimeToLive.DISABLED, Optional.empty(),
                Optional.empty());
        TableDefinition after = new TableDefinition(before.attributes(), before.keys(), List.of(),
                BillingMode.PAY_PER_REQUEST, Throughput.NONE, Optional.empty(), Optional.empty(), Optional.empty(),
                true, Optional.empty(), new TimeToLive(true, Optional.of("expires")), Optional.empty(), Optional.empty());

        assertThat(TableDocuments.read("same-id", TableDocuments.write(before))).isEqualTo(before);
        assertThat(TableDocuments.read("same-id", TableDocuments.write(before))).isSameAs(
                TableDocuments.read("same-id", TableDocuments.write(before)));
        assertThat(TableDocuments.read("same-id", TableDocuments.write(after))).isEqualTo(after);
        TableDocuments.forget("same-id");
        assertThat(TableDocuments.read("same-id", TableDocuments.write(before))).isEqualTo(before);
    }

    @Test
    void definitionStoredBeforePointInTimeRecoveryAndWarmThroughput_readsWithoutThem() {
        String stored = TableDocuments.write(new TableDefinition(List.of(new AttributeDefinition("id", AttributeType.S)),
                KeySchema.of("id"), List.of(), BillingMode.PROVISIONED, new Throughput(1, 1), Optional.empty(),
                Optional.empty(), Optional.empty(), false, Optional.empty(), TimeToLive.DISABLED, Optional.empty(), Optional.empty()))
                .replaceAll(",?\"(pointInTimeRecoverySince|warmThroughput)\":[^,}]*", "");

        assertThat(stored).doesNotContain("pointInTimeRecoverySince").doesNotContain("warmThroughput");
        assertThat(TableDocuments.read("stored-before", stored).pointInTimeRecoverySince()).isEmpty();
        assertThat(TableDocuments.read("stored-before", stored).warmThroughput()).isEmpty();
    }
}
