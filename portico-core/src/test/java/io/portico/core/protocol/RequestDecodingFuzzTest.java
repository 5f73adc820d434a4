package io.portico.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.ServiceModel;
import io.portico.core.model.ServiceModels;
import io.portico.core.protocol.codec.WireCodec;
import io.portico.core.service.AwsError;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.Caller;
import io.portico.core.service.ServiceApi;
import io.portico.core.service.Services;
import io.portico.core.service.TypeErrors;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for the kit's request path up to a handler, over real AWS models: Step Functions (AWS JSON
 * 1.0), EventBridge (AWS JSON 1.1), Lambda (REST-JSON), SNS (query) and Route 53 (REST-XML), each with a
 * handler for every operation that answers {@code {}}. A fuzz input is an HTTP request written as text
 * (a request line, header lines, an empty line, the body: see {@link FuzzedRequest}); it goes through what
 * {@link ProtocolFront} does with a request Jetty read: the credential scope, a signature check, the
 * router, the protocol's codec, the resource scope check and the model's validation.
 *
 * <p>The property: every request is answered with an AWS error ({@link AwsErrorException}) or reaches its
 * handler, never another exception (which the front answers {@code InternalFailure}, a 500) and never a
 * hang. The four targets share the harness; they differ in their seeds (requests the official SDK clients
 * sent, in {@code RequestDecodingFuzzTestInputs/<target>/}), so a campaign on one stays near its protocol.
 * Without {@code JAZZER_FUZZ} each target replays its seeds and past findings (docs/reliability.md).
 */
class RequestDecodingFuzzTest {
    /** The key the seeds were signed with (the SDK's documentation example) and the time they were signed. */
    private static final AccessKey KEY = AccessKey.parse("AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final Clock SIGNED_AT = Clock.fixed(Instant.parse("2026-12-02T09:26:00Z"), ZoneOffset.UTC);

    private static final Services SERVICES = new Services(List.of(
            answeringEverything("states-2016-11-23", TypeErrors.SERIALIZATION_EXCEPTION),
            answeringEverything("eventbridge-2015-10-07", TypeErrors.SERIALIZATION_EXCEPTION),
            answeringEverything("lambda-2015-03-31", new LambdaLikeTypeErrors()),
            answeringEverything("sns-2010-03-31", TypeErrors.SERIALIZATION_EXCEPTION),
            answeringEverything("route53-2013-04-01", TypeErrors.SERIALIZATION_EXCEPTION)));
    private static final Router ROUTER = new Router(SERVICES);
    private static final SigV4Verifier VERIFIER = SigV4Verifier.of(List.of(KEY), SIGNED_AT);

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = "RequestDecodingFuzzTest.dict")
    @Timeout(5)
    void awsJson(byte[] request) {
        handle(request);
    }

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = "RequestDecodingFuzzTest.dict")
    @Timeout(5)
    void restJson(byte[] request) {
        handle(request);
    }

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = "RequestDecodingFuzzTest.dict")
    @Timeout(5)
    void awsQuery(byte[] request) {
        handle(request);
    }

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = "RequestDecodingFuzzTest.dict")
    @Timeout(5)
    void restXml(byte[] request) {
        handle(request);
    }

    private static void handle(byte[] bytes) {
        FuzzedRequest request = FuzzedRequest.parse(bytes);
        try {
            reachHandler(request);
        } catch (AwsErrorException e) {
            assertThat(e.error().status()).as("status of %s", e.error()).isLessThan(500);
        } catch (InterruptedException e) {
            throw new AssertionError("no handler here blocks", e);
        }
    }

    /** {@link ProtocolFront}'s dispatch from the signed request on, without HTTP. */
    private static void reachHandler(FuzzedRequest request) throws InterruptedException {
        SignedRequest signed = new SignedRequest(request.method(), request.path(), request.query(), request.headers(),
                request.body());
        Optional<CredentialScope> scope = SigV4Verifier.scopeOf(signed);
        try {
            VERIFIER.verify(signed);
        } catch (AwsErrorException e) {
            // The seeds verify; almost nothing else does. Go on as in development mode, which checks nothing.
            assertThat(e.error().status()).isLessThan(500);
        }
        Caller caller = new Caller(AccessKey.DEFAULT_ACCOUNT, scope.map(CredentialScope::region).orElse("us-east-1"),
                scope.map(CredentialScope::accessKeyId));
        AwsRequest awsRequest = new AwsRequest(request.method(), request.path(), request.query(), request.headers(),
                request.body());
        Router.Route route = ROUTER.route(awsRequest, scope.map(CredentialScope::service));
        ObjectNode input = WireCodec.of(route.api().model().protocol())
                .decode(route.api(), route.operation(), awsRequest, route.labels());
        SERVICES.invoke(route.api(), route.operation(), input, caller, "fuzz", request.header("host"));
    }

    private static ServiceApi answeringEverything(String uid, TypeErrors typeErrors) {
        ServiceModel model = ServiceModels.load(uid);
        ServiceApi.Builder api = ServiceApi.builder(model).typeErrors(typeErrors);
        model.operations().keySet().forEach(name -> api.operation(name, call -> Json.object()));
        return api.build();
    }

    /** Lambda's way with wrong types, as its api module sets it: coerces scalars to strings, its own code. */
    private static final class LambdaLikeTypeErrors implements TypeErrors {
        @Override
        public AwsError wrongType(String path, String found, String expected) {
            return new AwsError("InvalidRequestContentException", 400, "Could not parse request body into json");
        }

        @Override
        public boolean coercesScalarsToStrings() {
            return true;
        }
    }

    /**
     * A request as text: {@code METHOD /path?query}, then {@code Name: value} lines, an empty line and the
     * body (line ends {@code \n} or {@code \r\n}). Anything parses: a missing part is empty, a path is made
     * to start with {@code /} and a method is cut at the first space, as Jetty would have them. Header names
     * are lower-cased and repeats joined with commas, as the front reads them.
     */
    record FuzzedRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
            byte[] body) {

        static FuzzedRequest parse(byte[] bytes) {
            int headEnd = indexOf(bytes, new byte[] {'\n', '\n'});
            int crlfHeadEnd = indexOf(bytes, new byte[] {'\r', '\n', '\r', '\n'});
            int bodyStart;
            if (crlfHeadEnd >= 0 && (headEnd < 0 || crlfHeadEnd < headEnd)) {
                headEnd = crlfHeadEnd;
                bodyStart = crlfHeadEnd + 4;
            } else if (headEnd >= 0) {
                bodyStart = headEnd + 2;
            } else {
                headEnd = bytes.length;
                bodyStart = bytes.length;
            }
            String[] lines = new String(bytes, 0, headEnd, StandardCharsets.UTF_8).split("\r?\n", -1);
            String[] requestLine = lines[0].split(" ", 3);
            String method = requestLine[0].isEmpty() ? "POST" : requestLine[0];
            String target = requestLine.length > 1 ? requestLine[1] : "/";
            int question = target.indexOf('?');
            String path = question < 0 ? target : target.substring(0, question);
            String rawQuery = question < 0 ? null : target.substring(question + 1);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim(), (a, b) -> a + "," + b);
                }
            }
            byte[] body = new byte[bytes.length - bodyStart];
            System.arraycopy(bytes, bodyStart, body, 0, body.length);
            return new FuzzedRequest(method, path.startsWith("/") ? path : "/" + path, QueryString.parse(rawQuery),
                    headers, body);
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        private static int indexOf(byte[] bytes, byte[] part) {
            outer:
            for (int i = 0; i + part.length <= bytes.length; i++) {
                for (int j = 0; j < part.length; j++) {
                    if (bytes[i + j] != part[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
