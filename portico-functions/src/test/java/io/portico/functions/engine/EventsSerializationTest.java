package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * aws-lambda-java-events types go through Lambda's event serializers (Jackson with Lambda's mix-ins
 * over the function's own events classes), so Lambda's JSON field names map onto them.
 */
class EventsSerializationTest extends RuntimeTesting {

    @Test
    void apiGatewayV2HttpEvent_inAndResponseOut() {
        ExecutionEnvironment api = start("example.ApiGatewayHandler");
        String event = """
                {"version":"2.0","routeKey":"POST /items","rawPath":"/items","rawQueryString":"who=ada",
                 "headers":{"content-type":"application/json"},"queryStringParameters":{"who":"ada"},
                 "requestContext":{"accountId":"000000000000","apiId":"api1","domainName":"api1.example",
                   "http":{"method":"POST","path":"/items","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"test"},
                   "requestId":"r1","routeKey":"POST /items","stage":"$default","time":"01/Jan/2026:00:00:00 +0000","timeEpoch":1767225600000},
                 "body":"{\\"n\\":1}","isBase64Encoded":false}
                """;

        JsonNode response = json(response(invoke(api, event)));

        assertThat(response.get("statusCode").asInt()).isEqualTo(201);
        assertThat(response.get("body").asText()).isEqualTo("POST /items by ada: {\"n\":1}");
        assertThat(response.get("headers").get("content-type").asText()).isEqualTo("text/plain");
        assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void sqsEvent_recordsDeserialise_andBatchResponseSerialises() {
        ExecutionEnvironment sqs = start("example.SqsBatchHandler");
        String event = """
                {"Records":[
                  {"messageId":"m1","receiptHandle":"h1","body":"ok","attributes":{"ApproximateReceiveCount":"1"},
                   "messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:eu-west-1:000000000000:q","awsRegion":"eu-west-1"},
                  {"messageId":"m2","receiptHandle":"h2","body":"fail","attributes":{},"messageAttributes":{},
                   "md5OfBody":"y","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:eu-west-1:000000000000:q","awsRegion":"eu-west-1"}]}
                """;

        assertThat(json(response(invoke(sqs, event)))).isEqualTo(json("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}"));
    }

    @Test
    void dynamodbEvent_attributeValuesAndCapitalisedKeys_deserialise() {
        ExecutionEnvironment streams = start("example.DynamodbStreamHandler");
        String event = """
                {"Records":[
                  {"eventID":"1","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
                   "dynamodb":{"ApproximateCreationDateTime":1767225600,"Keys":{"pk":{"S":"k1"}},
                     "NewImage":{"pk":{"S":"k1"},"count":{"N":"3"}},"SequenceNumber":"100","SizeBytes":26,"StreamViewType":"NEW_AND_OLD_IMAGES"},
                   "eventSourceARN":"arn:aws:dynamodb:eu-west-1:000000000000:table/t/stream/2026"},
                  {"eventID":"2","eventName":"REMOVE","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
                   "dynamodb":{"Keys":{"pk":{"S":"k2"}},"SequenceNumber":"101","SizeBytes":10,"StreamViewType":"KEYS_ONLY"}}]}
                """;

        assertThat(json(response(invoke(streams, event)))).isEqualTo(json("{\"records\":[\"INSERT k1 3\",\"REMOVE k2 -\"]}"));
    }
}
