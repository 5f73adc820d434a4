package io.portico.states.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.ServiceModel;
import io.portico.core.service.AwsError;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * How an integration that calls a service operation names what it answers. The AWS SDK integrations
 * ({@code aws-sdk:<service>:<action>}) answer in the AWS SDK for Java v2's names; the older optimized
 * integrations (DynamoDB's {@code dynamodb:getItem} and its siblings) were built on the AWS SDK for Java
 * v1 and still answer in its names, with the HTTP response's metadata in the result.
 */
sealed interface SdkDialect {

    /** The error a failed call raises ({@code Sfn.StateMachineDoesNotExistException}). */
    String errorName(ServiceModel model, AwsError error);

    /** The cause that goes with it: the message and the SDK's description of the failed call. */
    String cause(ServiceModel model, AwsError error);

    /**
     * The Task's result from the operation's output, already in Step Functions' names ({@code result}),
     * answered at {@code now}.
     */
    JsonNode result(JsonNode result, ObjectNode wireOutput, Instant now);

    /**
     * The exception an SDK throws for {@code error}: the class its model declares for the code (always
     * ending in {@code Exception}), or, for a code the model does not declare (DynamoDB's
     * ValidationException), the client's own base exception {@code unmodeled}.
     */
    private static String exceptionName(ServiceModel model, AwsError error, String unmodeled) {
        if (model.errorShape(error.code()).isEmpty()) {
            return unmodeled;
        }
        return error.code().endsWith("Exception") ? error.code() : error.code() + "Exception";
    }

    /** {@code aws-sdk:<service>:<action>}: {@code <SdkName>.<Code>Exception}, the result as the output reads. */
    record AwsSdk() implements SdkDialect {
        @Override
        public String errorName(ServiceModel model, AwsError error) {
            return model.sdkName() + "." + exceptionName(model, error, model.sdkName() + "Exception");
        }

        @Override
        public String cause(ServiceModel model, AwsError error) {
            return error.message().orElse("") + " (Service: " + model.sdkName() + ", Status Code: " + error.status()
                    + ", Request ID: " + UUID.randomUUID() + ")";
        }

        @Override
        public JsonNode result(JsonNode result, ObjectNode wireOutput, Instant now) {
            return result;
        }
    }

    /**
     * An optimized integration on the AWS SDK for Java v1: errors {@code <errorPrefix>.<Code>Exception}
     * ({@code DynamoDB.ConditionalCheckFailedException}; a code the model does not declare is v1's base
     * exception, {@code DynamoDB.AmazonDynamoDBException}) with v1's cause ({@code ... (Service:
     * AmazonDynamoDBv2; Status Code: 400; Error Code: ...; Request ID: ...; Proxy: null)}), and a result
     * that carries {@code SdkHttpMetadata} and {@code SdkResponseMetadata} as AWS records them (LocalStack's
     * AWS-validated test_dynamodb_task_service snapshot: the headers of the JSON response, its length and
     * CRC32 included).
     */
    record OptimizedV1(String errorPrefix, String v1ServiceName, String v1BaseException, String contentType)
            implements SdkDialect {
        private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
        /** {@code HttpHeaders} lists the headers by name, case ignored, as recorded. */
        private static final List<String> SORTED_HEADERS = List.of("Connection", "Content-Length", "Content-Type",
                "Date", "Server", "x-amz-crc32", "x-amzn-RequestId");

        @Override
        public String errorName(ServiceModel model, AwsError error) {
            return errorPrefix + "." + exceptionName(model, error, v1BaseException);
        }

        @Override
        public String cause(ServiceModel model, AwsError error) {
            return error.message().orElse("") + " (Service: " + v1ServiceName + "; Status Code: " + error.status()
                    + "; Error Code: " + error.code() + "; Request ID: " + UUID.randomUUID() + "; Proxy: null)";
        }

        @Override
        public JsonNode result(JsonNode result, ObjectNode wireOutput, Instant now) {
            byte[] body = Json.write(wireOutput);
            CRC32 crc = new CRC32();
            crc.update(body);
            String requestId = UUID.randomUUID().toString();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Server", "Server");
            headers.put("Connection", "keep-alive");
            headers.put("x-amzn-RequestId", requestId);
            headers.put("x-amz-crc32", Long.toString(crc.getValue()));
            headers.put("Content-Length", Integer.toString(body.length));
            headers.put("Date", HTTP_DATE.format(now.atZone(ZoneOffset.UTC)));
            headers.put("Content-Type", contentType);

            // The result is the call's own fresh document: the metadata goes on it, no copy needed.
            ObjectNode out = result instanceof ObjectNode object ? object : Json.object();
            ObjectNode http = out.putObject("SdkHttpMetadata");
            ObjectNode all = http.putObject("AllHttpHeaders");
            headers.forEach((name, value) -> all.putArray(name).add(value));
            ObjectNode single = http.putObject("HttpHeaders");
            SORTED_HEADERS.forEach(name -> single.put(name, headers.get(name)));
            http.put("HttpStatusCode", 200);
            out.putObject("SdkResponseMetadata").put("RequestId", requestId);
            return out;
        }
    }
}
