package io.portico.core.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS endpoint as a Jetty core handler: decodes every request into an {@link AwsRequest}, picks
 * the {@link AwsService}, calls it and writes its {@link AwsResponse} or its error.
 *
 * <p>How a call flows: the body is read up to a cap (a larger body is refused from its
 * {@code Content-Length} before any of it is read); the SigV4 signature is verified when credentials
 * are configured (otherwise the credential scope is only read for region and access key); the
 * service is chosen by the {@code X-Amz-Target} prefix for the JSON protocols, else by the signing
 * name of the credential scope for REST-JSON; its answer gets an {@code x-amzn-RequestId}.
 * {@link AwsErrorException} becomes AWS's JSON error shape; any other exception becomes a 500
 * {@code InternalFailure} whose stack trace goes only to the log.
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
    /** AWS's text for an internal failure: all a caller is told of what went wrong inside. */
    public static final String INTERNAL_FAILURE_MESSAGE =
            "The request processing has failed because of an unknown error, exception or failure.";
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolFront.class);
    private static final String UNKNOWN = "unknown";

    private final Map<String, AwsService> byTarget;
    private final Map<String, AwsService> bySigningName;
    private final Optional<SigV4Verifier> verifier;
    private final Map<String, AccessKey> keys;
    private final TemporaryCredentials temporary;
    private final CallListener listener;
    private final long maxBodyBytes;

    private ProtocolFront(Builder builder) {
        super(InvocationType.BLOCKING);
        Map<String, AwsService> targets = new LinkedHashMap<>();
        Map<String, AwsService> names = new LinkedHashMap<>();
        for (AwsService service : builder.services) {
            if (!service.targetPrefix().isEmpty()) {
                targets.put(service.targetPrefix(), service);
            }
            names.putIfAbsent(service.signingName(), service);
        }
        this.byTarget = Map.copyOf(targets);
        this.bySigningName = Map.copyOf(names);
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

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long started = System.nanoTime();
        Call call = new Call(UUID.randomUUID().toString());
        AwsResponse answer;
        try {
            answer = dispatch(request, call);
        } catch (AwsErrorException e) {
            answer = JsonProtocol.error(call.protocol, e.error());
        } catch (RuntimeException | Error e) {
            LOG.error("Internal failure in {}.{} (request {})", call.service, call.operation, call.requestId, e);
            answer = JsonProtocol.error(call.protocol, new AwsError("InternalFailure", 500, INTERNAL_FAILURE_MESSAGE));
        }
        write(response, callback, answer, call.requestId);
        listener.onCall(call.service, call.operation, answer.status(), System.nanoTime() - started);
        return true;
    }

    private AwsResponse dispatch(Request request, Call call) {
        Map<String, String> headers = headers(request);
        String target = headers.get("x-amz-target");
        call.protocol = guessProtocol(target, headers.get("content-type"));
        long length = request.getLength();
        if (length > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] body = readBody(request);
        Map<String, List<String>> query = QueryString.parse(request.getHttpURI().getQuery());
        String rawPath = Optional.ofNullable(request.getHttpURI().getPath()).orElse("/");
        SignedRequest signed = new SignedRequest(request.getMethod(), rawPath, query, headers, body);
        Optional<CredentialScope> scope = SigV4Verifier.scopeOf(signed);
        AccessKey caller = verifier.isPresent() ? verifier.get().verify(signed) : null;
        String account = caller != null ? caller.accountId() : scope.map(CredentialScope::accessKeyId)
                .flatMap(this::keyOf).map(AccessKey::accountId).orElse(AccessKey.DEFAULT_ACCOUNT);
        String region = scope.map(CredentialScope::region).orElse("us-east-1");

        AwsService service;
        String operation;
        if (target != null) {
            int dot = target.lastIndexOf('.');
            service = dot < 0 ? null : byTarget.get(target.substring(0, dot));
            operation = dot < 0 ? "" : target.substring(dot + 1);
        } else {
            service = scope.map(CredentialScope::service).map(bySigningName::get).orElse(null);
            operation = "";
        }
        if (service == null) {
            throw new AwsErrorException(new AwsError("UnknownOperationException", 400, null));
        }
        call.service = service.signingName();
        call.operation = operation.isEmpty() ? request.getMethod() : operation;
        call.protocol = service.protocol();
        AwsRequest awsRequest = new AwsRequest(service.signingName(), operation, request.getMethod(), rawPath,
                query, headers, body, region, account, call.requestId, headers.getOrDefault("host", ""));
        return service.handle(awsRequest);
    }

    private byte[] readBody(Request request) {
        try (InputStream in = Content.Source.asInputStream(request)) {
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

    private static String guessProtocol(String target, String contentType) {
        if (target == null) {
            return "rest-json";
        }
        return contentType != null && contentType.startsWith(JsonProtocol.JSON_1_1) ? "1.1" : "1.0";
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
        String protocol = "1.0";

        Call(String requestId) {
            this.requestId = requestId;
        }
    }

    /** Configures a {@link ProtocolFront}. Not thread safe; use once. */
    public static final class Builder {
        private final List<AwsService> services = new ArrayList<>();
        private final List<AccessKey> credentials = new ArrayList<>();
        private TemporaryCredentials temporary = new TemporaryCredentials();
        private Clock clock = Clock.systemUTC();
        private CallListener listener = CallListener.NONE;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

        private Builder() {
        }

        public Builder services(List<? extends AwsService> services) {
            this.services.addAll(services);
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
