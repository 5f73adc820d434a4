package io.portico.functions.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code RuntimeVersionArn} Lambda reports in {@code RuntimeVersionConfig}: AWS's form
 * ({@code arn:aws:lambda:<region>::runtime:<64 hex digits>}), the digits naming what actually runs the
 * function here: the runtime identifier and the JVM Portico runs on (its in-process Java runtime, and the
 * runtime API that serves worker processes). It changes when that JVM changes, as Lambda's changes when
 * it patches a runtime. Thread safe.
 */
final class RuntimeVersions {
    private static final String JVM = Runtime.version().toString();
    private static final Map<String, String> DIGESTS = new ConcurrentHashMap<>();

    private RuntimeVersions() {
    }

    static String arn(String region, String runtime) {
        return "arn:aws:lambda:" + region + "::runtime:" + DIGESTS.computeIfAbsent(runtime, RuntimeVersions::digest);
    }

    private static String digest(String runtime) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("portico|" + runtime + "|" + JVM).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
