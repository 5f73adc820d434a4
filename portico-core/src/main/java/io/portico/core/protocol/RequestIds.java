package io.portico.core.protocol;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in AWS's form (a version 4 UUID). {@link UUID#randomUUID()} draws on the shared
 * {@code SecureRandom}, a lock and a read of the kernel's pool per request that showed in a GetItem's
 * profile; a request id is an echo for logs and support, never a secret, so a thread-local generator is
 * enough. Thread-safe.
 */
public final class RequestIds {
    private static final long VERSION_4 = 0x4000L;
    private static final long VERSION_MASK = 0xf000L;
    private static final long IETF_VARIANT = 0x8000_0000_0000_0000L;
    private static final long VARIANT_MASK = 0xc000_0000_0000_0000L;

    private RequestIds() {
    }

    /** A new random request id, such as {@code 0f4c7c65-3b9e-4d6a-9f0e-1b2c3d4e5f60}. */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~VERSION_MASK) | VERSION_4;
        long low = (random.nextLong() & ~VARIANT_MASK) | IETF_VARIANT;
        return new UUID(high, low).toString();
    }
}
