package io.portico.functions.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Function code on disk, content addressed: {@code code/<sha256>.zip} as uploaded (fsynced before the
 * function row that names it is committed, so an acknowledged CreateFunction survives a crash) and
 * {@code unpacked/<sha256>/}, the entries extracted once for runtimes to load from. Identical uploads
 * share both. Thread safe.
 */
public final class CodeStorage {
    /** Lambda's limit on unzipped code: 250 MB. */
    public static final long MAX_UNZIPPED_BYTES = 262_144_000L;

    private final Path code;
    private final Path unpacked;

    public CodeStorage(Path root) {
        this.code = root.resolve("code");
        this.unpacked = root.resolve("unpacked");
        try {
            Files.createDirectories(code);
            Files.createDirectories(unpacked);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What was stored: Lambda's {@code CodeSha256} (base64) and {@code CodeSize}. */
    public record StoredCode(String sha256Base64, long size) {
    }

    /**
     * Checks that {@code zip} is a zip Lambda would accept and stores it durably. Throws
     * {@code INVALID_PARAMETER} with Lambda's message for anything that is not a readable zip.
     */
    public StoredCode store(byte[] zip) {
        verify(zip);
        byte[] digest = sha256(zip);
        Path target = zipPath(HexFormat.of().formatHex(digest));
        if (!Files.exists(target)) {
            writeDurably(target, zip);
        }
        return new StoredCode(Base64.getEncoder().encodeToString(digest), zip.length);
    }

    /** The uploaded bytes of stored code, for GetFunction's download location. */
    public byte[] read(String sha256Base64) {
        try {
            return Files.readAllBytes(zipPath(hex(sha256Base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory holding the code's entries, extracting it on first use. */
    public Path unpack(String sha256Base64) {
        String hex = hex(sha256Base64);
        Path dir = unpacked.resolve(hex);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path staging = unpacked.resolve(hex + ".tmp-" + UUID.randomUUID());
        try {
            extract(Files.readAllBytes(zipPath(hex)), staging);
            try {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                deleteTree(staging); // another thread unpacked the same code first
            } catch (IOException e) {
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
                deleteTree(staging);
            }
            return dir;
        } catch (IOException e) {
            deleteTree(staging);
            throw new UncheckedIOException(e);
        }
    }

    private Path zipPath(String hex) {
        return code.resolve(hex + ".zip");
    }

    /** Checks that {@code zip} is a zip Lambda would accept, as {@link #store} does, without storing it. */
    public void verify(byte[] zip) {
        verifyZip(zip);
    }

    private static void verifyZip(byte[] zip) {
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries++;
                total += in.transferTo(java.io.OutputStream.nullOutputStream());
                if (total > MAX_UNZIPPED_BYTES) {
                    throw FunctionsException.invalidParameter("Unzipped size must be smaller than "
                            + MAX_UNZIPPED_BYTES + " bytes");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw unzipFailed();
        }
        if (entries == 0) {
            throw unzipFailed();
        }
    }

    private static FunctionsException unzipFailed() {
        return FunctionsException.invalidParameter("Could not unzip uploaded file. Please check your file, then try to"
                + " upload again.");
    }

    private static void extract(byte[] zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    continue; // "zip slip": an entry naming a path outside the function's directory
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    if (entry.getName().equals("bootstrap") || entry.getName().endsWith("/bootstrap")) {
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static void writeDurably(Path target, byte[] bytes) {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                dir.force(true); // the rename itself must survive power loss
            } catch (IOException ignored) {
                // some filesystems cannot open a directory for fsync; the file data is already durable
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover staging directory is harmless
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(String sha256Base64) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(sha256Base64));
    }
}
