package io.portico.core.protocol;

import io.portico.core.service.AwsError;
import io.portico.core.service.AwsErrorException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 the way AWS does, for requests signed in the {@code Authorization}
 * header or presigned with {@code X-Amz-Signature} in the query string.
 *
 * <p>How it works: the verifier rebuilds the canonical request from what arrived (method, path
 * encoded once more as non-S3 services require, sorted query, the headers the client listed in
 * {@code SignedHeaders}, and the SHA-256 of the body as received (or the literal
 * {@code UNSIGNED-PAYLOAD} marker a client declared), hashes it into the string to sign, derives the signing key from the secret of the
 * access key in the credential scope through the HMAC chain date, region, service,
 * {@code aws4_request}, and compares the result with the client's signature in constant time. A
 * request dated more than 15 minutes from the server clock is refused as AWS refuses it.
 *
 * <p>Errors are AWS's, codes and messages included; {@link #verify} throws them as
 * {@link AwsErrorException}. Thread safe: immutable after construction.
 */
public final class SigV4Verifier {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature"
            + " you provided. Check your AWS Secret Access Key and signing method. Consult the service"
            + " documentation for details.";
    static final String UNKNOWN_TOKEN = "The security token included in the request is invalid.";
    static final String MISSING_TOKEN = "Missing Authentication Token";

    private final Map<String, AccessKey> keys;
    private final TemporaryCredentials temporary;
    private final Clock clock;

    private SigV4Verifier(Map<String, AccessKey> keys, TemporaryCredentials temporary, Clock clock) {
        this.keys = keys;
        this.temporary = temporary;
        this.clock = clock;
    }

    /** A verifier accepting signatures made with any of {@code keys}. */
    public static SigV4Verifier of(Collection<AccessKey> keys, Clock clock) {
        return of(keys, new TemporaryCredentials(), clock);
    }

    /**
     * A verifier accepting signatures made with any of {@code keys}, or with a credential
     * {@code temporary} issued together with its session token.
     */
    public static SigV4Verifier of(Collection<AccessKey> keys, TemporaryCredentials temporary, Clock clock) {
        Map<String, AccessKey> byId = new LinkedHashMap<>();
        keys.forEach(key -> byId.put(key.accessKeyId(), key));
        return new SigV4Verifier(Map.copyOf(byId), temporary, clock);
    }

    /**
     * The credential scope the request claims, from the {@code Authorization} header or the
     * {@code X-Amz-Credential} query parameter, without checking anything. Used in development mode to
     * learn region and access key.
     */
    public static Optional<CredentialScope> scopeOf(SignedRequest request) {
        String authorization = request.headers().get("authorization");
        if (authorization != null) {
            String credential = authorizationParams(authorization).get("Credential");
            return credential == null ? Optional.empty() : CredentialScope.parse(credential);
        }
        return first(request.query(), "X-Amz-Credential").flatMap(CredentialScope::parse);
    }

    /**
     * Checks the request's signature.
     *
     * @return the access key that signed it
     * @throws AwsErrorException {@code MissingAuthenticationTokenException}, {@code IncompleteSignatureException},
     *     {@code UnrecognizedClientException} or {@code InvalidSignatureException}, as AWS would answer
     */
    public AccessKey verify(SignedRequest request) {
        String authorization = request.headers().get("authorization");
        if (authorization != null) {
            return verifyHeader(request, authorization);
        }
        if (first(request.query(), "X-Amz-Signature").isPresent()) {
            return verifyQuery(request);
        }
        throw new AwsErrorException(new AwsError("MissingAuthenticationTokenException", 403, MISSING_TOKEN));
    }

    private AccessKey verifyHeader(SignedRequest request, String authorization) {
        if (!authorization.startsWith(ALGORITHM + " ")) {
            throw incomplete("Unsupported AWS 'algorithm': '" + authorization.split(" ", 2)[0] + "'");
        }
        Map<String, String> params = authorizationParams(authorization);
        String credential = params.get("Credential");
        String signedHeaders = params.get("SignedHeaders");
        String signature = params.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            throw incomplete("Authorization header requires 'Credential', 'Signature' and 'SignedHeaders'"
                    + " parameters.");
        }
        String amzDate = request.headers().get("x-amz-date");
        if (amzDate == null) {
            throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        CredentialScope scope = CredentialScope.parse(credential)
                .orElseThrow(() -> incomplete("Credential should be scoped to a valid region."));
        AccessKey key = knownKey(scope, request.headers().get("x-amz-security-token"));
        checkFreshness(amzDate);
        String payloadHash = payloadHash(request);
        String canonical = canonicalRequest(request, request.query(), signedHeaders, payloadHash);
        checkSignature(key, scope, amzDate, canonical, signature);
        return key;
    }

    private AccessKey verifyQuery(SignedRequest request) {
        Map<String, List<String>> query = request.query();
        String algorithm = first(query, "X-Amz-Algorithm").orElse("");
        if (!ALGORITHM.equals(algorithm)) {
            throw incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'");
        }
        String credential = first(query, "X-Amz-Credential").orElseThrow(() -> incomplete(
                "AWS query-string parameters must include 'X-Amz-Credential'."));
        String signedHeaders = first(query, "X-Amz-SignedHeaders").orElseThrow(() -> incomplete(
                "AWS query-string parameters must include 'X-Amz-SignedHeaders'."));
        String amzDate = first(query, "X-Amz-Date").orElseThrow(() -> incomplete(
                "AWS query-string parameters must include 'X-Amz-Date'."));
        String signature = first(query, "X-Amz-Signature").orElseThrow();
        CredentialScope scope = CredentialScope.parse(credential)
                .orElseThrow(() -> incomplete("Credential should be scoped to a valid region."));
        AccessKey key = knownKey(scope, first(query, "X-Amz-Security-Token").orElse(null));
        checkExpiry(amzDate, first(query, "X-Amz-Expires").orElse("900"));
        Map<String, List<String>> withoutSignature = new LinkedHashMap<>(query);
        withoutSignature.remove("X-Amz-Signature");
        String payloadHash = payloadHash(request);
        String canonical = canonicalRequest(request, withoutSignature, signedHeaders, payloadHash);
        checkSignature(key, scope, amzDate, canonical, signature);
        return key;
    }

    /**
     * The hash of the body as received. A client-sent {@code x-amz-content-sha256} is trusted only for
     * the literal unsigned/streaming markers; a hex hash is recomputed, so a body changed in transit
     * fails the signature check instead of riding on a stale header.
     */
    private static String payloadHash(SignedRequest request) {
        String declared = request.headers().get("x-amz-content-sha256");
        if (declared != null && (declared.startsWith("UNSIGNED-PAYLOAD") || declared.startsWith("STREAMING-"))) {
            return declared;
        }
        return hex(sha256(request.body()));
    }

    /** The key the scope names; an issued session key only with its own session token, as AWS checks it. */
    private AccessKey knownKey(CredentialScope scope, String sessionToken) {
        AccessKey key = keys.get(scope.accessKeyId());
        if (key != null) {
            return key;
        }
        Optional<TemporaryCredentials.Issued> issued = temporary.find(scope.accessKeyId());
        if (issued.isPresent() && sessionToken != null && MessageDigest.isEqual(
                issued.get().sessionToken().getBytes(StandardCharsets.UTF_8), sessionToken.getBytes(StandardCharsets.UTF_8))) {
            return issued.get().key();
        }
        throw new AwsErrorException(new AwsError("UnrecognizedClientException", 403, UNKNOWN_TOKEN));
    }

    private void checkFreshness(String amzDate) {
        Instant signedAt = parseDate(amzDate);
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw invalid("Signature expired: " + amzDate + " is now earlier than "
                    + format(now.minus(MAX_SKEW)) + " (" + format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw invalid("Signature not yet current: " + amzDate + " is still later than "
                    + format(now.plus(MAX_SKEW)) + " (" + format(now) + " + 15 min.)");
        }
    }

    private void checkExpiry(String amzDate, String expires) {
        Instant signedAt = parseDate(amzDate);
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw incomplete("X-Amz-Expires must be a number of seconds.");
        }
        Instant now = clock.instant();
        if (now.isAfter(signedAt.plusSeconds(seconds)) || signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw invalid("Signature expired: " + amzDate + " is now earlier than "
                    + format(now.minusSeconds(seconds)) + " (" + format(now) + " - " + seconds + " sec.)");
        }
    }

    private static Instant parseDate(String amzDate) {
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw incomplete("Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. See"
                    + " http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private static void checkSignature(
            AccessKey key, CredentialScope scope, String amzDate, String canonicalRequest, String signature) {
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope.scope() + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] signingKey = hmac(("AWS4" + key.secretAccessKey()).getBytes(StandardCharsets.UTF_8), scope.date());
        signingKey = hmac(signingKey, scope.region());
        signingKey = hmac(signingKey, scope.service());
        signingKey = hmac(signingKey, "aws4_request");
        byte[] expected = hex(hmac(signingKey, stringToSign)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw invalid(SIGNATURE_MISMATCH);
        }
    }

    /** The canonical request of SigV4 for a non-S3 service (path encoded twice). Package private for tests. */
    static String canonicalRequest(
            SignedRequest request, Map<String, List<String>> query, String signedHeaders, String payloadHash) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(request.method()).append('\n');
        String path = request.rawPath().isEmpty() ? "/" : request.rawPath();
        sb.append(uriEncode(path, false)).append('\n');
        sb.append(canonicalQuery(query)).append('\n');
        for (String name : signedHeaders.split(";")) {
            String value = request.headers().getOrDefault(name, "");
            sb.append(name).append(':').append(value.strip().replaceAll(" +", " ")).append('\n');
        }
        sb.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        return sb.toString();
    }

    private static String canonicalQuery(Map<String, List<String>> query) {
        List<String> pairs = new ArrayList<>();
        query.forEach((name, values) -> values.forEach(
                value -> pairs.add(uriEncode(name, true) + "=" + uriEncode(value, true))));
        pairs.sort(null);
        return String.join("&", pairs);
    }

    /** RFC 3986 encoding as SigV4 defines it: unreserved characters kept, '/' kept unless encodeSlash. */
    static String uriEncode(String text, boolean encodeSlash) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
            if (unreserved || (c == '/' && !encodeSlash)) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static Map<String, String> authorizationParams(String authorization) {
        Map<String, String> params = new LinkedHashMap<>();
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return params;
        }
        for (String part : authorization.substring(space + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                params.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return params;
    }

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static String format(Instant instant) {
        return AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static AwsErrorException incomplete(String message) {
        return new AwsErrorException(new AwsError("IncompleteSignatureException", 400, message));
    }

    private static AwsErrorException invalid(String message) {
        return new AwsErrorException(new AwsError("InvalidSignatureException", 403, message));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
