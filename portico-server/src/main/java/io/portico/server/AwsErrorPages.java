package io.portico.server;

import io.portico.core.json.Json;
import io.portico.core.service.AwsError;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of the errors Jetty answers itself, before a request reaches Portico's handlers (a request
 * line or header it cannot parse, a URI it refuses): an AWS-shaped JSON error, never an HTML page or
 * an empty body, so an SDK reports the status with a message a person can act on. Never a stack
 * trace.
 */
final class AwsErrorPages extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AwsErrorPages.class);
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        // Jetty passes an exception's toString() as the message when it has none: paths, class names,
        // perhaps more. A server error is logged in full and answered with AWS's fixed text.
        // (Refusals below 500 carry the HTTP parser's own reasons, such as "Illegal character", which help.)
        if (code >= 500) {
            LOG.warn("Request {} {} failed with {}", request.getMethod(), request.getHttpURI().getPath(), code, cause);
            message = AwsError.internalFailure().message().orElseThrow();
        }
        byte[] body = body(code, message);
        response.getHeaders().put(JSON);
        response.getHeaders().put("x-amzn-ErrorType", code(code));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        fields.put("x-amzn-ErrorType", code(status));
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int status, String message) {
        String text = message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        return Json.write(Json.object().put("__type", code(status)).put("message", text));
    }

    /** AWS's generic codes for a request refused before any service saw it. */
    private static String code(int status) {
        return switch (status) {
            case 400 -> "BadRequestException";
            case 404 -> "UnknownOperationException";
            case 413 -> "RequestEntityTooLargeException";
            case 431 -> "RequestHeaderFieldsTooLargeException";
            default -> status >= 500 ? "InternalFailure" : "BadRequestException";
        };
    }
}
