package io.portico.states.engine;

import java.util.List;

/**
 * The object store a distributed Map reads its items from (ItemReader) and writes its results to
 * (ResultWriter): the few Amazon S3 operations Step Functions calls, by bucket and key. The engine owns
 * this interface; whoever embeds the engine supplies an implementation (the server wires a directory
 * per bucket, see {@code io.portico.states.store.DirectoryObjectStore}) through
 * {@link StepFunctions.Settings#withObjectStore(ObjectStore)}.
 *
 * <p>Failures are {@link ObjectStoreException}s whose {@link ObjectStoreException.Reason} says what
 * S3 would have answered. Implementations must be thread safe: a Map reads and writes from its own
 * thread while other executions do the same.
 */
public interface ObjectStore {

    /**
     * The whole content of one object.
     *
     * @throws ObjectStoreException {@code NO_SUCH_BUCKET}, {@code NO_SUCH_KEY}, {@code INVALID_NAME} or
     *     {@code IO_FAILURE}
     */
    byte[] get(String bucket, String key);

    /**
     * The objects of {@code bucket} whose key starts with {@code prefix} (empty: all of them), in key
     * order as S3's ListObjectsV2 returns them (UTF-8 binary order).
     *
     * @throws ObjectStoreException {@code NO_SUCH_BUCKET} or {@code IO_FAILURE}
     */
    List<StoredObject> list(String bucket, String prefix);

    /**
     * Creates or replaces one object. When this returns, the object is durable.
     *
     * @throws ObjectStoreException {@code NO_SUCH_BUCKET}, {@code INVALID_NAME} or {@code IO_FAILURE}
     */
    void put(String bucket, String key, byte[] body);

    /**
     * No object store: every call fails with {@code NOT_CONFIGURED}. The engine's default, so that an
     * embedder that supplies none keeps the behaviour from before object stores existed: ItemReader
     * fails with {@code States.ItemReaderFailed} and ResultWriter exports nothing.
     */
    ObjectStore NONE = new ObjectStore() {
        @Override
        public byte[] get(String bucket, String key) {
            throw ObjectStoreException.notConfigured();
        }

        @Override
        public List<StoredObject> list(String bucket, String prefix) {
            throw ObjectStoreException.notConfigured();
        }

        @Override
        public void put(String bucket, String key, byte[] body) {
            throw ObjectStoreException.notConfigured();
        }

        @Override
        public String toString() {
            return "ObjectStore.NONE";
        }
    };
}
