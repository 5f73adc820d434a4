package io.portico.states.store;

import io.portico.states.engine.ObjectStore;
import io.portico.states.engine.ObjectStoreException;
import io.portico.states.engine.ObjectStoreException.Reason;
import io.portico.states.engine.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * An {@link ObjectStore} over a directory, standing in for Amazon S3 until Portico has an object store
 * of its own: bucket {@code b} is the directory {@code <root>/b/}, and key {@code a/b.json} the file
 * {@code <root>/b/a/b.json}. A bucket exists when its directory does; as on S3, nothing creates one
 * implicitly, so users make the directory and drop files into it.
 *
 * <p>Writes go to a temporary file beside the target ({@code .portico-put-*}, never listed), are forced
 * to disk, then moved over the target atomically (a bucket may be a mount of another file system)
 * and the target's directory is forced too, so a reader sees the old object or the
 * new one and an acknowledged write survives a crash. ETags are the quoted hex MD5 of the content, as S3
 * gives for single-part uploads, computed when listed.
 *
 * <p>Where a directory cannot be S3: keys with empty, {@code .} or {@code ..} segments, a backslash or
 * a trailing slash are refused ({@code INVALID_NAME}), and a key cannot be both an object and the
 * prefix of another ({@code a} and {@code a/b}), because a path cannot be both a file and a directory.
 * Symbolic links inside a bucket are not followed (keys come from execution input, and a link could
 * lead anywhere on the host): a key through one is refused and a linked file is not listed. A bucket
 * directory may itself be a link. Failures of the file system are logged; callers get messages that
 * name the bucket and key, never a host path.
 *
 * <p>Thread safe: every call works on the file system alone.
 */
public final class DirectoryObjectStore implements ObjectStore {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryObjectStore.class);
    private static final String TEMP_PREFIX = ".portico-put-";
    private static final String STANDARD = "STANDARD";

    private final Path root;

    private DirectoryObjectStore(Path root) {
        this.root = root;
    }

    /** A store whose buckets are the directories under {@code root}; creates {@code root} if missing. */
    public static DirectoryObjectStore at(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the object store directory " + root, e);
        }
        return new DirectoryObjectStore(root.toAbsolutePath().normalize());
    }

    /** The directory under which each bucket is a directory. */
    public Path root() {
        return root;
    }

    @Override
    public byte[] get(String bucket, String key) {
        Path dir = bucketDir(bucket);
        Path file = objectPath(dir, bucket, key);
        refuseLinks(dir, file, bucket, key);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw noSuchKey();
        } catch (IOException e) {
            // A directory of that name, or a file where the key needs a directory: no such object.
            if (Files.isDirectory(file) || !Files.exists(file)) {
                throw noSuchKey();
            }
            throw ioFailure("read", bucket, key, e);
        }
    }

    @Override
    public List<StoredObject> list(String bucket, String prefix) {
        Path dir = bucketDir(bucket);
        List<StoredObject> objects = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                    && !f.getFileName().toString().startsWith(TEMP_PREFIX))::iterator) {
                String key = keyOf(dir, file);
                if (key.startsWith(prefix)) {
                    objects.add(describe(key, file));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw ioFailure("list", bucket, prefix, e);
        }
        objects.sort(Comparator.comparing(StoredObject::key, DirectoryObjectStore::compareUtf8));
        return objects;
    }

    @Override
    public void put(String bucket, String key, byte[] body) {
        Path dir = bucketDir(bucket);
        Path target = objectPath(dir, bucket, key);
        refuseLinks(dir, target, bucket, key);
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".part");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(body);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (Files.isDirectory(target)) {
                throw invalidName(bucket, key, "a directory of that name holds other keys");
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            forceDirectory(target.getParent());
        } catch (FileAlreadyExistsException e) {
            throw invalidName(bucket, key, "a shorter key is stored as a file where this one needs a directory");
        } catch (IOException e) {
            throw ioFailure("write", bucket, key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private Path bucketDir(String bucket) {
        if (bucket.isEmpty() || bucket.startsWith(".") || bucket.contains("/") || bucket.contains("\\")
                || bucket.indexOf('\0') >= 0) {
            throw new ObjectStoreException(Reason.INVALID_NAME, "The specified bucket is not valid: '" + bucket + "'");
        }
        Path dir = root.resolve(bucket);
        if (!Files.isDirectory(dir)) {
            throw new ObjectStoreException(Reason.NO_SUCH_BUCKET, "The specified bucket does not exist");
        }
        return dir;
    }

    private static Path objectPath(Path bucketDir, String bucket, String key) {
        if (key.isEmpty() || key.endsWith("/") || key.contains("\\") || key.indexOf('\0') >= 0) {
            throw invalidName(bucket, key, "keys that are empty, end in '/' or hold a backslash have no file");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw invalidName(bucket, key, "empty, '.' and '..' path segments have no file");
            }
        }
        Path path = bucketDir.resolve(key).normalize();
        if (!path.startsWith(bucketDir)) {
            throw invalidName(bucket, key, "the key leaves its bucket");
        }
        return path;
    }

    /** Refuses a key whose path passes through a symbolic link below the bucket's directory. */
    private static void refuseLinks(Path bucketDir, Path path, String bucket, String key) {
        Path current = bucketDir;
        for (Path segment : bucketDir.relativize(path)) {
            current = current.resolve(segment);
            if (Files.isSymbolicLink(current)) {
                throw invalidName(bucket, key, "symbolic links inside a bucket are not followed");
            }
        }
    }

    private static String keyOf(Path bucketDir, Path file) {
        Path relative = bucketDir.relativize(file);
        StringBuilder key = new StringBuilder();
        for (Path part : relative) {
            if (!key.isEmpty()) {
                key.append('/');
            }
            key.append(part);
        }
        return key.toString();
    }

    private static StoredObject describe(String key, Path file) throws IOException {
        MessageDigest md5 = md5();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                md5.update(buffer, 0, n);
                size += n;
            }
        }
        String eTag = "\"" + HexFormat.of().formatHex(md5.digest()) + "\"";
        return new StoredObject(key, size, eTag, Files.getLastModifiedTime(file).toInstant(), STANDARD);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    /** S3 lists keys in UTF-8 binary order, which differs from String's UTF-16 order above U+FFFF. */
    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Makes the new directory entry itself durable; not every platform can open a directory for this. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open directories; its rename is durable enough for a development store.
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a stray temporary file is harmless: it is never listed
        }
    }

    private static ObjectStoreException noSuchKey() {
        return new ObjectStoreException(Reason.NO_SUCH_KEY, "The specified key does not exist.");
    }

    private static ObjectStoreException invalidName(String bucket, String key, String why) {
        return new ObjectStoreException(Reason.INVALID_NAME,
                "The key '" + key + "' in bucket '" + bucket + "' cannot be stored as a file: " + why);
    }

    /** The host's reason (paths included) goes to the log; the caller, an execution's cause, gets none. */
    private static ObjectStoreException ioFailure(String what, String bucket, String key, Exception e) {
        LOG.warn("Could not {} '{}' in bucket '{}'", what, key, bucket, e);
        return new ObjectStoreException(Reason.IO_FAILURE,
                "Could not " + what + " '" + key + "' in bucket '" + bucket + "' (see Portico's log)", e);
    }
}
