package io.portico.functions.engine.process;

import io.portico.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire side of Lambda's Runtime API (version 2018-06-01) for one {@link RuntimeApiSession}: routes,
 * headers and bodies as Lambda's own server answers them, JSON bodies included ({@code {"status":"OK"}}
 * and {@code {"errorMessage":...,"errorType":...}}, each with Go's trailing newline).
 *
 * <p>{@code /next} is a long poll: the request is parked in the session and answered when an event
 * arrives, holding no thread meanwhile. POST bodies are read on the calling (virtual) thread; a
 * body over Lambda's 6 MB is counted to its end but not kept. Paths Lambda does not serve here
 * (the Extensions and Telemetry APIs among them, as Portico runs no extensions) answer 404 as Lambda's
 * router does. Thread safe.
 */
final class RuntimeApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeApiHandler.class);
    private static final String RUNTIME = "/2018-06-01/runtime/";
    private static final String INVOCATION = RUNTIME + "invocation/";
    private static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";

    private final RuntimeApiSession session;

    RuntimeApiHandler(RuntimeApiSession session) {
        this.session = session;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        if (path.equals(INVOCATION + "next")) {
            if (expect("GET", method, response, callback)) {
                next(response, callback);
            }
        } else if (path.equals(RUNTIME + "init/error")) {
            if (expect("POST", method, response, callback)) {
                reply(response, callback, session.initError(postedError(request)));
            }
        } else if (path.equals("/2018-06-01/ping")) {
            if (expect("GET", method, response, callback)) {
                write(response, callback, 200, "text/plain", "pong");
            }
        } else {
            invocation(path, method, request, response, callback);
        }
        return true;
    }

    private void invocation(String path, String method, Request request, Response response, Callback callback) {
        Optional<String[]> call = invocationCall(path);
        if (call.isEmpty()) {
            write(response, callback, 404, "text/plain; charset=utf-8", "404 page not found\n");
        } else if (expect("POST", method, response, callback)) {
            String requestId = call.get()[0];
            reply(response, callback, call.get()[1].equals("response") ? respond(requestId, request)
                    : session.fail(requestId, postedError(request)));
        }
    }

    /** {@code [id, "response"|"error"]} for {@code /runtime/invocation/{id}/response|error}. */
    private static Optional<String[]> invocationCall(String path) {
        if (!path.startsWith(INVOCATION)) {
            return Optional.empty();
        }
        String[] parts = path.substring(INVOCATION.length()).split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || !(parts[1].equals("response") || parts[1].equals("error"))) {
            return Optional.empty();
        }
        return Optional.of(parts);
    }

    private void next(Response response, Callback callback) {
        session.next(new EventSink() {
            @Override
            public void deliver(RuntimeEvent event) {
                writeEvent(response, callback, event);
            }

            @Override
            public void reject(ApiReply.Rejected reply) {
                RuntimeApiHandler.reply(response, callback, reply);
            }
        });
    }

    private ApiReply respond(String requestId, Request request) {
        try {
            Body body = Body.read(request);
            return session.respond(requestId, body.kept(), body.size());
        } catch (IOException e) {
            LOG.debug("Reading the response of {} failed", requestId, e);
            return ApiReply.internalServerError();
        }
    }

    private static PostedError postedError(Request request) {
        byte[] body;
        try {
            body = Body.read(request).kept();
        } catch (IOException e) {
            body = new byte[0]; // unreadable: Lambda falls back to the error type header, and so do we
        }
        return PostedError.of(Optional.ofNullable(request.getHeaders().get(ERROR_TYPE)),
                Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE)), body);
    }

    /**
     * A request body: its bytes up to {@link RuntimeApiSession#MAX_RESPONSE_BYTES} (none beyond, so a
     * runaway worker cannot exhaust Portico's memory) and its full size.
     */
    private record Body(byte[] kept, long size) {

        static Body read(Request request) throws IOException {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            long size = 0;
            try (InputStream in = Content.Source.asInputStream(request)) {
                byte[] chunk = new byte[16 * 1024];
                for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                    if (size + n <= RuntimeApiSession.MAX_RESPONSE_BYTES) {
                        kept.write(chunk, 0, n);
                    }
                    size += n;
                }
            }
            return new Body(kept.toByteArray(), size);
        }
    }

    private static void writeEvent(Response response, Callback callback, RuntimeEvent event) {
        response.setStatus(200);
        var headers = response.getHeaders();
        headers.put("Lambda-Runtime-Aws-Request-Id", event.requestId());
        headers.put("Lambda-Runtime-Trace-Id", event.traceId());
        event.clientContext().filter(c -> !c.isEmpty())
                .ifPresent(c -> headers.put("Lambda-Runtime-Client-Context", oneLine(c)));
        event.cognitoIdentity().filter(c -> !c.isEmpty())
                .ifPresent(c -> headers.put("Lambda-Runtime-Cognito-Identity", oneLine(c)));
        headers.put("Lambda-Runtime-Invoked-Function-Arn", event.invokedFunctionArn());
        headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(event.deadlineEpochMillis()));
        headers.put(HttpHeader.CONTENT_TYPE, "application/json");
        headers.put(HttpHeader.CONTENT_LENGTH, event.payload().length);
        response.write(true, ByteBuffer.wrap(event.payload()), callback);
    }

    /** JSON needs no line breaks outside strings (and has none inside): a header value must have none. */
    private static String oneLine(String json) {
        return json.replace('\r', ' ').replace('\n', ' ');
    }

    private static void reply(Response response, Callback callback, ApiReply reply) {
        switch (reply) {
            case ApiReply.Accepted accepted -> write(response, callback, 202, "application/json", "{\"status\":\"OK\"}\n");
            case ApiReply.Rejected rejected -> write(response, callback, rejected.status(), "application/json",
                    Json.writeString(Json.object().put("errorMessage", rejected.errorMessage())
                            .put("errorType", rejected.errorType())) + "\n");
        }
    }

    /** Whether {@code method} is the route's; answers 405 (no body, as Lambda's router) when not. */
    private static boolean expect(String expected, String method, Response response, Callback callback) {
        if (expected.equals(method)) {
            return true;
        }
        response.getHeaders().put(HttpHeader.ALLOW, expected);
        write(response, callback, 405, null, "");
        return false;
    }

    private static void write(Response response, Callback callback, int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
