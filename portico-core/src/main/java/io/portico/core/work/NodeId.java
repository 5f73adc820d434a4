package io.portico.core.work;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.UUID;

/**
 * Who holds a claim on work: one Portico node. A node's id is kept in its data directory
 * ({@code node-id}), so the same node restarted after a crash recognises its own claims and frees them
 * at once, while claims of other nodes, which may be alive, are only ever taken once their lease has
 * expired. Two live processes must therefore never share a data directory. Immutable.
 */
public record NodeId(String value) {
    static final String FILE_NAME = "node-id";

    public NodeId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a node id must not be blank");
        }
    }

    public static NodeId of(String value) {
        return new NodeId(value);
    }

    /**
     * The id stored in {@code dataDir}, created (a random one) on first use.
     *
     * @throws UncheckedIOException if the directory cannot be read or written
     */
    public static NodeId stored(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return new NodeId(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
            Files.createDirectories(dataDir);
            NodeId created = new NodeId("node-" + UUID.randomUUID());
            Path temporary = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
            Files.writeString(temporary, created.value() + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the node id in " + dataDir, e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
