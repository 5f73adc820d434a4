package io.portico.benchmarks.dynamodb;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Turns a DynamoDB operation and its JSON body into the bytes of a whole AWS JSON 1.0 request:
 * {@code POST /}, {@code Content-Type: application/x-amz-json-1.0}, {@code X-Amz-Target:
 * DynamoDB_20120810.<Op>} and a SigV4 {@code Authorization} header that is well formed but signed with
 * nothing (64 zeros): dynalite does not verify signatures, and Portico verifies them only when it is
 * started with credentials, which the benchmark never does. Everything but the body and its length is
 * built once per operation, so a request costs one small array copy beyond its body.
 */
final class DynamoDbRequests {

    private static final String ACCESS_KEY = "AKIDPORTICOBENCH0000";

    private final String host;
    private final String amzDate;
    private final String scopeDate;

    DynamoDbRequests(String host, int port) {
        this.host = host + ":" + port;
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        this.amzDate = now.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        this.scopeDate = now.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8);
    }

    /** The fixed part of a request for {@code operation}, up to (not including) its Content-Length value. */
    byte[] head(String operation) {
        String head = "POST / HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: DynamoDB_20120810." + operation + "\r\n"
                + "X-Amz-Date: " + amzDate + "\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/" + scopeDate
                + "/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                + "Signature=" + "0".repeat(64) + "\r\n"
                + "Content-Length: ";
        return head.getBytes(StandardCharsets.US_ASCII);
    }

    /** A whole request: {@code head} (from {@link #head}), the body's length, a blank line, the body. */
    static byte[] request(byte[] head, String body) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        byte[] length = (json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + length.length + json.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(length, 0, request, head.length, length.length);
        System.arraycopy(json, 0, request, head.length + length.length, json.length);
        return request;
    }
}
