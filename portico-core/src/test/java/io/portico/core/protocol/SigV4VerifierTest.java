package io.portico.core.protocol;

import io.portico.core.service.AwsErrorException;
import io.portico.core.service.AwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Signatures made by the AWS SDK's own SigV4 signer must verify; anything altered must not. */
class SigV4VerifierTest {

    static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
    static final AccessKey KEY = AccessKey.parse("AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY:123456789012");
    final SigV4Verifier verifier = SigV4Verifier.of(List.of(KEY), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void verify_sdkSignedJsonPost_returnsTheKey() {
        SignedRequest request = sign(post("/", "{\"a\":1}"), "{\"a\":1}", KEY.secretAccessKey(), NOW, false);

        assertThat(verifier.verify(request)).isEqualTo(KEY);
        assertThat(SigV4Verifier.scopeOf(request)).get()
                .extracting(CredentialScope::region, CredentialScope::service).containsExactly("eu-west-1", "states");
    }

    @Test
    void verify_restPathWithEscapesAndQuery_isAccepted() {
        SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("http://127.0.0.1:4566/2015-03-31/functions/my%20fn%3Av1/invocations"))
                .putRawQueryParameter("Qualifier", "a b/c")
                .putRawQueryParameter("Marker", List.of("2", "1"))
                .putHeader("X-Custom", "  spaced    value ")
                .build();

        assertThat(verifier.verify(sign(http, "", KEY.secretAccessKey(), NOW, false))).isEqualTo(KEY);
    }

    @Test
    void verify_presignedQuery_isAccepted() {
        SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("http://127.0.0.1:4566/path")).build();

        assertThat(verifier.verify(sign(http, "", KEY.secretAccessKey(), NOW, true))).isEqualTo(KEY);
    }

    @Test
    void verify_wrongSecret_isInvalidSignatureException() {
        SignedRequest request = sign(post("/", "{}"), "{}", "not-the-secret", NOW, false);

        assertThatThrownBy(() -> verifier.verify(request)).isInstanceOfSatisfying(AwsErrorException.class, e -> {
            assertThat(e.error()).isEqualTo(new AwsError("InvalidSignatureException", 403,
                    "The request signature we calculated does not match the signature you provided. Check your AWS"
                            + " Secret Access Key and signing method. Consult the service documentation for details."));
        });
    }

    @Test
    void verify_bodyChangedAfterSigning_isInvalidSignatureException() {
        SignedRequest signed = sign(post("/", "{\"a\":1}"), "{\"a\":1}", KEY.secretAccessKey(), NOW, false);
        SignedRequest tampered = new SignedRequest(signed.method(), signed.rawPath(), signed.query(), signed.headers(),
                "{\"a\":2}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> verifier.verify(tampered))
                .isInstanceOfSatisfying(AwsErrorException.class,
                        e -> assertThat(e.error().code()).isEqualTo("InvalidSignatureException"));
    }

    @Test
    void verify_unknownAccessKey_isUnrecognizedClientException() {
        SignedRequest request = sign(post("/", "{}"), "{}", KEY.secretAccessKey(), NOW, false);
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put("authorization", headers.get("authorization").replace("AKIDEXAMPLE", "AKIDUNKNOWN"));

        assertThatThrownBy(() -> verifier.verify(new SignedRequest("POST", "/", Map.of(), headers, request.body())))
                .isInstanceOfSatisfying(AwsErrorException.class, e -> assertThat(e.error()).isEqualTo(
                        new AwsError("UnrecognizedClientException", 403, "The security token included in the request is invalid.")));
    }

    @Test
    void verify_noAuthorization_isMissingAuthenticationToken() {
        SignedRequest request = new SignedRequest("POST", "/", Map.of(), Map.of("host", "x"), new byte[0]);

        assertThatThrownBy(() -> verifier.verify(request)).isInstanceOfSatisfying(AwsErrorException.class,
                e -> assertThat(e.error().code()).isEqualTo("MissingAuthenticationTokenException"));
    }

    @Test
    void verify_signedMoreThan15MinutesAgo_isSignatureExpired() {
        SignedRequest request = sign(post("/", "{}"), "{}", KEY.secretAccessKey(), NOW.minus(Duration.ofMinutes(16)), false);

        assertThatThrownBy(() -> verifier.verify(request)).isInstanceOfSatisfying(AwsErrorException.class, e -> {
            assertThat(e.error().code()).isEqualTo("InvalidSignatureException");
            assertThat(e.error().message()).contains(
                    "Signature expired: 20260115T114400Z is now earlier than 20260115T114500Z (20260115T120000Z - 15 min.)");
        });
    }

    @Test
    void verify_signed14MinutesAgo_isAccepted() {
        SignedRequest request = sign(post("/", "{}"), "{}", KEY.secretAccessKey(), NOW.minus(Duration.ofMinutes(14)), false);

        assertThat(verifier.verify(request)).isEqualTo(KEY);
    }

    private static SdkHttpRequest post(String path, String body) {
        return SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:4566" + path))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                .putHeader("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length))
                .build();
    }

    @Test
    void verify_issuedSessionKeyWithItsToken_returnsTheIssuedKey() {
        TemporaryCredentials temporary = new TemporaryCredentials();
        TemporaryCredentials.Issued issued = temporary.forAccount("210987654321");
        SigV4Verifier withSessions = SigV4Verifier.of(List.of(KEY), temporary, Clock.fixed(NOW, ZoneOffset.UTC));

        for (boolean presign : new boolean[] {false, true}) {
            SignedRequest request = sign(post("/", "{}"), "{}", session(issued, issued.sessionToken()), NOW, presign);
            assertThat(withSessions.verify(request).accountId()).isEqualTo("210987654321");
        }
        assertThat(issued.key().accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(temporary.forAccount("210987654321")).isSameAs(issued);
        assertThat(issued.toString()).doesNotContain(issued.key().secretAccessKey()).doesNotContain(issued.sessionToken());
    }

    @Test
    void verify_issuedSessionKeyWithoutOrWithAnotherToken_isUnrecognizedClientException() {
        TemporaryCredentials temporary = new TemporaryCredentials();
        TemporaryCredentials.Issued issued = temporary.forAccount("210987654321");
        SigV4Verifier withSessions = SigV4Verifier.of(List.of(KEY), temporary, Clock.fixed(NOW, ZoneOffset.UTC));
        SignedRequest wrongToken = sign(post("/", "{}"), "{}", session(issued, "forged"), NOW, false);
        SignedRequest noToken = sign(post("/", "{}"), "{}", AwsCredentialsIdentity.create(issued.key().accessKeyId(),
                issued.key().secretAccessKey()), NOW, false);

        for (SignedRequest request : List.of(wrongToken, noToken)) {
            assertThatThrownBy(() -> withSessions.verify(request)).isInstanceOfSatisfying(AwsErrorException.class, e -> {
                assertThat(e.error().code()).isEqualTo("UnrecognizedClientException");
                assertThat(e.error().status()).isEqualTo(403);
            });
        }
    }

    private static AwsCredentialsIdentity session(TemporaryCredentials.Issued issued, String token) {
        return software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity.create(issued.key().accessKeyId(),
                issued.key().secretAccessKey(), token);
    }

    /** Signs with the SDK and converts what it would send into what the front would see. */
    private static SignedRequest sign(SdkHttpRequest http, String body, String secret, Instant at, boolean presign) {
        return sign(http, body, AwsCredentialsIdentity.create(KEY.accessKeyId(), secret), at, presign);
    }

    private static SignedRequest sign(SdkHttpRequest http, String body, AwsCredentialsIdentity identity, Instant at,
            boolean presign) {
        AwsV4HttpSigner signer = AwsV4HttpSigner.create();
        SdkHttpRequest signed = signer.sign(r -> {
            r.identity(identity)
                    .request(http)
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "states")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
            if (presign) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5));
            }
        }).request();
        Map<String, String> headers = new LinkedHashMap<>();
        signed.forEachHeader((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
        headers.putIfAbsent("host", signed.host() + (signed.port() == 80 ? "" : ":" + signed.port()));
        return new SignedRequest(signed.method().name(), signed.encodedPath(),
                new LinkedHashMap<>(signed.rawQueryParameters()), headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
