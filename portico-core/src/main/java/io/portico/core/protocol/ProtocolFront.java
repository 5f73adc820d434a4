package io.portico.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.model.Protocol;
import io.portico.core.protocol.codec.WireCodec;
import io.portico.core.service.AwsError;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.AwsResponse;
import io.portico.core.service.Caller;
import io.portico.core.service.ServiceApi;
import io.portico.core.service.Services;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS endpoint as a Jetty core handler: reads each request, verifies its signature, lets
 * the {@link Router} route it to a service and operation, decodes it with that service's protocol codec,
 * runs it and writes the codec's answer.
 *
 * <p>How a call flows: the body is read up to a cap (a larger body is refused from its
 * {@code Content-Length} before any of it is read); when credentials are configured the SigV4 signature
 * is verified, and the service its credential scope names must be the service the request reaches
 * (otherwise the scope is only read for region and access key); the router picks service and operation
 * from the models; the codec decodes the input, the service validates and runs it, and the codec writes
 * the output or the error in the protocol's shape, with an {@code x-amzn-RequestId}. Anything a service
 * did not map to an AWS error becomes a 500 {@code InternalFailure} whose stack trace goes only to the log.
 *
 * <p>The handler blocks while reading the body and running the service; the server runs it on virtual
 * threads. Thread safe: immutable after {@link Builder#build()}.
 */
public final class ProtocolFront extends Handler.Abstract {

    /**
     * Lambda's CreateFunction takes a 50 MB zip as base64 inside JSON (AWS refuses bodies over
     * 69,905,067 bytes); every other service enforces its own, smaller limits on what it parses.
     */
    public static final long DEFAULT_MAX_BODY_BYTES = 70L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolFront.class);
    private static final String UNKNOWN = "unknown";

    private final Services services;
    private final Router router;
    private final Optional<SigV4Verifier> verifier;
    private final Map<String, AccessKey> keys;
    private final TemporaryCredentials temporary;
    private final CallListener listener;
    private final long maxBodyBytes;

    private ProtocolFront(Builder builder) {
        super(InvocationType.BLOCKING);
        this.services = builder.services;
        this.router = new Router(builder.services);
        Map<String, AccessKey> byId = new LinkedHashMap<>();
        builder.credentials.forEach(key -> byId.put(key.accessKeyId(), key));
        this.keys = Map.copyOf(byId);
        this.temporary = builder.temporary;
        this.verifier = builder.credentials.isEmpty()
                ? Optional.empty()
                : Optional.of(SigV4Verifier.of(builder.credentials, builder.temporary, builder.clock));
        this.listener = builder.listener;
        this.maxBodyBytes = builder.maxBodyBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configured or issued key with this id (development mode: for the account, unverified). */
    private Optional<AccessKey> keyOf(String accessKeyId) {
        AccessKey configured = keys.get(accessKeyId);
        return configured != null ? Optional.of(configured)
                : temporary.find(accessKeyId).map(TemporaryCredentials.Issued::key);
    }

    /** Whether signatures are verified (credentials were configured). */
    public boolean verifiesSignatures() {
        return verifier.isPresent();
    }

    /**
     * Who sends a request that is not an AWS call (the {@code /_portico/} paths), by the same rules as an
     * AWS call: when credentials are configured the signature is verified and the key's account is the
     * caller's; otherwise the credential scope, if any, is only read.
     *
     * @throws AwsErrorException AWS's signature error
     */
    public Caller authenticate(SignedRequest request) {
        return authenticate(request, SigV4Verifier.scopeOf(request));
    }

    private Caller authenticate(SignedRequest request, Optional<CredentialScope> scope) {
        String account = verifier.isPresent() ? verifier.get().verify(request).accountId()
                : scope.map(CredentialScope::accessKeyId).flatMap(this::keyOf).map(AccessKey::accountId)
                        .orElse(AccessKey.DEFAULT_ACCOUNT);
        return new Caller(account, scope.map(CredentialScope::region).orElse("us-east-1"),
                scope.map(CredentialScope::accessKeyId));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long started = System.nanoTime();
        Call call = new Call(RequestIds.next());
        AwsResponse answer;
        try {
            answer = dispatch(request, call);
        } catch (AwsErrorException e) {
            answer = call.codec.error(call.api, e.error(), call.requestId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = call.codec.error(call.api, new AwsError("ServiceUnavailableException", 503,
                    "The request was interrupted because Portico is shutting down."), call.requestId);
        } catch (RuntimeException | StackOverflowError e) {
            // A stack overflow is a bug (a recursion some input drove too deep), not a dying JVM: the
            // thread's stack is unwound here, so it is answered as any internal failure is.
            LOG.error("Internal failure in {}.{} (request {})", call.service, call.operation, call.requestId, e);
            answer = call.codec.error(call.api, AwsError.internalFailure(), call.requestId);
        }
        write(response, callback, answer, call.requestId);
        listener.onCall(call.service, call.operation, answer.status(), System.nanoTime() - started);
        return true;
    }

    private AwsResponse dispatch(Request request, Call call) throws InterruptedException {
        Map<String, String> headers = headers(request);
        Map<String, List<String>> query = QueryString.parse(request.getHttpURI().getQuery());
        call.codec = guessCodec(headers, query);
        long length = request.getLength();
        if (length > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] body = readBody(request, length);
        String rawPath = Optional.ofNullable(request.getHttpURI().getPath()).orElse("/");
        SignedRequest signed = new SignedRequest(request.getMethod(), rawPath, query, headers, body);
        Optional<CredentialScope> scope = SigV4Verifier.scopeOf(signed);
        Caller who = authenticate(signed, scope);

        AwsRequest awsRequest = new AwsRequest(request.getMethod(), rawPath, query, headers, body);
        router.targetService(awsRequest).ifPresent(api -> {
            call.api = api;
            call.codec = WireCodec.of(api.model().protocol());
        });
        Router.Route route = router.route(awsRequest, scope.map(CredentialScope::service));
        call.api = route.api();
        call.codec = WireCodec.of(route.api().model().protocol());
        call.service = route.api().model().signingName();
        call.operation = route.operation().name();
        if (verifier.isPresent() && !scope.get().service().equals(call.service)) {
            throw new AwsErrorException(new AwsError("InvalidSignatureException", 403,
                    "Credential should be scoped to correct service: '" + call.service + "'. "));
        }
        ObjectNode input = call.codec.decode(route.api(), route.operation(), awsRequest, route.labels());
        ObjectNode output = services.invoke(route.api(), route.operation(), input, who, call.requestId,
                Optional.ofNullable(headers.get("host")));
        return call.codec.encode(route.api(), route.operation(), output, call.requestId);
    }

    /** The body, read into an array of its declared length when it has one (most requests): no copying. */
    private byte[] readBody(Request request, long declaredLength) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declaredLength >= 0 && declaredLength <= Integer.MAX_VALUE - 8) {
                byte[] body = new byte[(int) declaredLength];
                if (in.readNBytes(body, 0, body.length) < body.length) {
                    throw new IOException("the body ended before its Content-Length");
                }
                return body;
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            // The client went away or sent a broken chunked body: nothing to answer to but the socket.
            throw new AwsErrorException("SerializationException", "Could not read the request body.");
        }
    }

    private AwsErrorException tooLarge() {
        return new AwsErrorException(new AwsError("RequestEntityTooLargeException", 413,
                "Request size exceeded " + maxBodyBytes + " bytes"));
    }

    /** The codec to answer in before the service is known: what the request itself looks like. */
    private static WireCodec guessCodec(Map<String, String> headers, Map<String, List<String>> query) {
        String contentType = headers.getOrDefault("content-type", "");
        if (headers.containsKey("x-amz-target")) {
            return WireCodec.of(contentType.startsWith("application/x-amz-json-1.1")
                    ? Protocol.AWS_JSON_1_1 : Protocol.AWS_JSON_1_0);
        }
        if (contentType.startsWith("application/x-www-form-urlencoded") || query.containsKey("Action")) {
            return WireCodec.of(Protocol.AWS_QUERY);
        }
        return WireCodec.of(Protocol.REST_JSON);
    }

    private static Map<String, String> headers(Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            String name = field.getLowerCaseName();
            headers.merge(name, field.getValue() == null ? "" : field.getValue(), (a, b) -> a + "," + b);
        }
        return headers;
    }

    private static void write(Response response, Callback callback, AwsResponse answer, String requestId) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put("x-amzn-RequestId", requestId);
        byte[] body = answer.body() == null ? new byte[0] : answer.body();
        if (answer.contentType() != null) {
            response.getHeaders().put("Content-Type", answer.contentType());
        }
        response.getHeaders().put("Content-Length", body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** What the front learned about the call so far, for the error path and the listener. */
    private static final class Call {
        final String requestId;
        String service = UNKNOWN;
        String operation = UNKNOWN;
        ServiceApi api;
        WireCodec codec = WireCodec.of(Protocol.AWS_JSON_1_0);

        Call(String requestId) {
            this.requestId = requestId;
        }
    }

    /** Configures a {@link ProtocolFront}. Not thread safe; use once. */
    public static final class Builder {
        private Services services = new Services(List.of());
        private final List<AccessKey> credentials = new ArrayList<>();
        private TemporaryCredentials temporary = new TemporaryCredentials();
        private Clock clock = Clock.systemUTC();
        private CallListener listener = CallListener.NONE;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

        private Builder() {
        }

        public Builder services(Services services) {
            this.services = services;
            return this;
        }

        /** Credentials to verify signatures against; none means development mode (nothing verified). */
        public Builder credentials(List<AccessKey> credentials) {
            this.credentials.addAll(credentials);
            return this;
        }

        /** Session credentials issued to functions and the like, accepted beside {@link #credentials}. */
        public Builder temporaryCredentials(TemporaryCredentials temporary) {
            this.temporary = temporary;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder listener(CallListener listener) {
            this.listener = listener;
            return this;
        }

        public Builder maxBodyBytes(long maxBodyBytes) {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public ProtocolFront build() {
            return new ProtocolFront(this);
        }
    }
}
