package io.portico.core.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdTest {

    @Test
    void stored_isCreatedOnce_andTheSameNodeReadsItBackAfterARestart(@TempDir Path dir) throws Exception {
        NodeId first = NodeId.stored(dir.resolve("data"));
        NodeId again = NodeId.stored(dir.resolve("data"));

        assertThat(again).isEqualTo(first);
        assertThat(first.value()).startsWith("node-");
        assertThat(Files.readString(dir.resolve("data").resolve(NodeId.FILE_NAME)).strip()).isEqualTo(first.value());
        assertThat(NodeId.stored(dir.resolve("other"))).isNotEqualTo(first);
    }

    @Test
    void of_blank_isRejected() {
        assertThatThrownBy(() -> NodeId.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
