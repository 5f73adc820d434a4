package io.portico.states.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.states.engine.ObjectStoreException;
import io.portico.states.engine.ObjectStoreException.Reason;
import io.portico.states.engine.StoredObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buckets as directories, keys as relative paths, and S3's answers where the files are missing. */
class DirectoryObjectStoreTest {
    @TempDir
    Path root;

    private DirectoryObjectStore store;

    @BeforeEach
    void createStore() throws IOException {
        store = DirectoryObjectStore.at(root.resolve("objects"));
        Files.createDirectories(root.resolve("objects/data"));
    }

    @Test
    void put_thenGet_roundTripsThroughAFileAtTheKeysPath() throws IOException {
        store.put("data", "in/items.json", bytes("[1,2]"));

        assertThat(store.get("data", "in/items.json")).isEqualTo(bytes("[1,2]"));
        assertThat(root.resolve("objects/data/in/items.json")).hasContent("[1,2]");
        store.put("data", "in/items.json", bytes("[3]"));
        assertThat(store.get("data", "in/items.json")).isEqualTo(bytes("[3]"));
        try (var left = Files.list(root.resolve("objects/data/in"))) {
            assertThat(left).extracting(f -> f.getFileName().toString()).containsExactly("items.json");
        }
    }

    @Test
    void list_givesKeysUnderThePrefixInOrder_withSizeEtagAndStorageClass() throws IOException {
        Files.createDirectories(root.resolve("objects/data/logs/2024"));
        Files.writeString(root.resolve("objects/data/logs/b.txt"), "hello");
        Files.writeString(root.resolve("objects/data/logs/2024/a.txt"), "");
        Files.writeString(root.resolve("objects/data/other.txt"), "x");

        List<StoredObject> listed = store.list("data", "logs/");

        assertThat(listed).extracting(StoredObject::key).containsExactly("logs/2024/a.txt", "logs/b.txt");
        StoredObject hello = listed.get(1);
        assertThat(hello.size()).isEqualTo(5);
        assertThat(hello.eTag()).isEqualTo("\"5d41402abc4b2a76b9719d911017c592\"");
        assertThat(hello.storageClass()).isEqualTo("STANDARD");
        assertThat(hello.lastModified()).isEqualTo(Files.getLastModifiedTime(root.resolve("objects/data/logs/b.txt"))
                .toInstant());
        assertThat(store.list("data", "")).hasSize(3);
        assertThat(store.list("data", "lo")).hasSize(2);
    }

    @Test
    void missingBucketOrKey_answerAsS3() {
        assertThatThrownBy(() -> store.get("nope", "k")).isInstanceOfSatisfying(ObjectStoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_BUCKET);
            assertThat(e).hasMessage("The specified bucket does not exist");
        });
        assertThatThrownBy(() -> store.get("data", "missing.json")).isInstanceOfSatisfying(ObjectStoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_KEY);
            assertThat(e).hasMessage("The specified key does not exist.");
        });
        assertThatThrownBy(() -> store.list("nope", "")).isInstanceOfSatisfying(ObjectStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_BUCKET));
        assertThatThrownBy(() -> store.put("nope", "k", bytes("x"))).isInstanceOfSatisfying(ObjectStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_BUCKET));
    }

    @Test
    void keysThatWouldLeaveTheBucketOrHaveNoFile_areInvalid() {
        for (String key : List.of("../escape", "a/../../b", "/abs", "a//b", "dir/", "", "a\\b")) {
            assertThatThrownBy(() -> store.put("data", key, bytes("x"))).as(key)
                    .isInstanceOfSatisfying(ObjectStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_NAME));
        }
        for (String bucket : List.of("..", ".tmp", "a/b", "")) {
            assertThatThrownBy(() -> store.get(bucket, "k")).as(bucket)
                    .isInstanceOfSatisfying(ObjectStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_NAME));
        }
        assertThat(root.resolve("objects/escape")).doesNotExist();
        assertThat(root.resolve("objects/b")).doesNotExist();
        assertThat(root.resolve("escape")).doesNotExist();
    }

    @Test
    void symbolicLinksInsideABucket_areNotFollowed() throws IOException {
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("objects/data/link"), outside);
        Files.createSymbolicLink(root.resolve("objects/data/file-link.txt"), outside.resolve("secret.txt"));

        for (String key : List.of("link/secret.txt", "file-link.txt")) {
            assertThatThrownBy(() -> store.get("data", key)).as(key).isInstanceOfSatisfying(ObjectStoreException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_NAME));
        }
        assertThatThrownBy(() -> store.put("data", "link/written.txt", bytes("x")))
                .isInstanceOfSatisfying(ObjectStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_NAME));
        assertThat(outside.resolve("written.txt")).doesNotExist();
        assertThat(store.list("data", "")).isEmpty();
    }

    @Test
    void aKeyBelowAnObject_isNoSuchKey_andNoFailureNamesAHostPath() {
        store.put("data", "a", bytes("1"));

        assertThatThrownBy(() -> store.get("data", "a/b")).isInstanceOfSatisfying(ObjectStoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_KEY);
            assertThat(e.getMessage()).doesNotContain(root.toString());
        });
    }

    @Test
    void aKeyCannotBeBothAnObjectAndAPrefixOfAnother() {
        store.put("data", "a", bytes("1"));

        assertThatThrownBy(() -> store.put("data", "a/b", bytes("2"))).isInstanceOfSatisfying(ObjectStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_NAME));
        store.put("data", "c/d", bytes("3"));
        assertThatThrownBy(() -> store.put("data", "c", bytes("4"))).isInstanceOfSatisfying(ObjectStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_NAME));
        assertThatThrownBy(() -> store.get("data", "c")).isInstanceOfSatisfying(ObjectStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_KEY));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
