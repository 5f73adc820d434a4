package io.portico.states.engine;

import java.time.Instant;

/**
 * One object as S3's ListObjectsV2 describes it.
 *
 * @param key the object key
 * @param size the content length in bytes
 * @param eTag the entity tag with its double quotes, as S3 reports it (for a single-part upload, the
 *     quoted hex MD5 of the content)
 * @param lastModified when the object was last written
 * @param storageClass S3's storage class, {@code STANDARD} for a store without classes
 */
public record StoredObject(String key, long size, String eTag, Instant lastModified, String storageClass) {
}
