package io.portico.core.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.ServiceModels;
import io.portico.core.protocol.ProtocolFront;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.OperationCall;
import io.portico.core.service.ServiceApi;
import io.portico.core.service.Services;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * The query and REST-XML codecs proven with the official SDK clients of services that speak them: small
 * SNS and Route 53 services on AWS's own models, their state in memory, behind the real protocol front.
 * Everything the clients send and parse (form parameters with nested maps of structures, XML bodies,
 * labels, query parameters, headers, status codes, timestamps, errors) goes through the kit's codecs.
 */
class QueryAndRestXmlSdkTest {
    static Server jetty;
    static URI endpoint;

    /** The endpoint of the two test services, started once for the test classes of this package. */
    static URI endpoint() throws Exception {
        if (jetty == null) {
            start();
        }
        return endpoint;
    }
    static final Map<String, String> TOPICS = new ConcurrentHashMap<>();
    static volatile OperationCall published;

    static final ServiceApi SNS = ServiceApi.builder(ServiceModels.load("sns-2010-03-31"))
            .operation("CreateTopic", call -> {
                String arn = "arn:aws:sns:us-east-1:" + call.caller().account() + ":" + call.required("Name");
                TOPICS.put(arn, call.input().path("Attributes").path("DisplayName").asText(""));
                return Json.object().put("TopicArn", arn);
            })
            .operation("ListTopics", call -> {
                ObjectNode out = Json.object();
                ArrayNode topics = out.putArray("Topics");
                TOPICS.keySet().stream().sorted().forEach(arn -> topics.addObject().put("TopicArn", arn));
                return out.put("NextToken", "next-page");
            })
            .operation("GetTopicAttributes", call -> {
                String arn = call.required("TopicArn");
                if (!TOPICS.containsKey(arn)) {
                    throw new AwsErrorException("NotFound", "Topic does not exist");
                }
                ObjectNode out = Json.object();
                out.putObject("Attributes").put("TopicArn", arn).put("DisplayName", TOPICS.get(arn));
                return out;
            })
            .operation("Publish", call -> {
                published = call;
                return Json.object().put("MessageId", "m-1");
            })
            .build();

    static final ServiceApi ROUTE53 = ServiceApi.builder(ServiceModels.load("route53-2013-04-01"))
            .operation("CreateHostedZone", call -> {
                ObjectNode out = Json.object();
                out.set("HostedZone", zone(call.required("Name"), call.required("CallerReference"),
                        call.input().path("HostedZoneConfig").path("Comment").asText("")));
                out.putObject("ChangeInfo").put("Id", "/change/C1").put("Status", "INSYNC")
                        .put("SubmittedAt", Instant.parse("2026-01-02T03:04:05Z").getEpochSecond());
                out.putObject("DelegationSet").putArray("NameServers").add("ns-1.portico.test").add("ns-2.portico.test");
                return out.put("Location", "https://route53.amazonaws.com/2013-04-01/hostedzone/Z1");
            })
            .operation("GetHostedZone", call -> {
                if (!call.required("Id").equals("Z1")) {
                    throw new AwsErrorException(new io.portico.core.service.AwsError("NoSuchHostedZone", 404,
                            "No hosted zone found with ID: " + call.required("Id")));
                }
                ObjectNode out = Json.object();
                out.set("HostedZone", zone("example.com.", "ref", "first"));
                return out;
            })
            .operation("ListHostedZones", call -> {
                ObjectNode out = Json.object();
                out.putArray("HostedZones").add(zone("example.com.", "ref", "first")).add(zone("other.com.", "r2", ""));
                return out.put("Marker", call.input().path("Marker").asText("")).put("IsTruncated", false)
                        .put("MaxItems", call.input().path("MaxItems").asInt(100));
            })
            .build();

    @BeforeAll
    static void start() throws Exception {
        if (jetty != null) {
            return;
        }
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(ProtocolFront.builder().services(new Services(List.of(SNS, ROUTE53))).build());
        jetty.start();
        endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
        jetty = null;
    }

    @Test
    void query_snsClient_createsListsReadsAndPublishesThroughForms() {
        try (SnsClient sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String arn = sns.createTopic(r -> r.name("orders").attributes(Map.of("DisplayName", "Orders"))).topicArn();
            var listed = sns.listTopics();
            var attributes = sns.getTopicAttributes(r -> r.topicArn(arn)).attributes();
            String id = sns.publish(r -> r.topicArn(arn).message("hello").messageAttributes(Map.of(
                    "kind", MessageAttributeValue.builder().dataType("String").stringValue("order").build(),
                    "raw", MessageAttributeValue.builder().dataType("Binary")
                            .binaryValue(SdkBytes.fromUtf8String("bytes")).build()))).messageId();

            assertThat(arn).isEqualTo("arn:aws:sns:us-east-1:000000000000:orders");
            assertThat(listed.topics()).extracting(t -> t.topicArn()).contains(arn);
            assertThat(listed.nextToken()).isEqualTo("next-page");
            assertThat(attributes).containsEntry("DisplayName", "Orders").containsEntry("TopicArn", arn);
            assertThat(id).isEqualTo("m-1");
            assertThat(published.input().path("Message").asText()).isEqualTo("hello");
            assertThat(published.input().path("MessageAttributes").path("kind").path("StringValue").asText())
                    .isEqualTo("order");
            assertThat(published.input().path("MessageAttributes").path("raw").path("BinaryValue").isBinary()).isTrue();
        }
    }

    @Test
    void query_errors_areErrorResponseDocumentsTheSdkMapsToItsException() {
        try (SnsClient sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            assertThatThrownBy(() -> sns.getTopicAttributes(r -> r.topicArn("arn:aws:sns:us-east-1:000000000000:none")))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Topic does not exist");
                        assertThat(e.requestId()).isNotBlank();
                    });
        }
    }

    @Test
    void restXml_route53Client_bindsXmlBodiesLabelsQueryHeadersAndStatus() {
        try (Route53Client route53 = Route53Client.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            var created = route53.createHostedZone(r -> r.name("example.com.").callerReference("ref-1")
                    .hostedZoneConfig(c -> c.comment("first zone")));
            HostedZone fetched = route53.getHostedZone(r -> r.id("Z1")).hostedZone();
            var listed = route53.listHostedZones(r -> r.maxItems("2").marker("m0"));

            assertThat(created.hostedZone().name()).isEqualTo("example.com.");
            assertThat(created.hostedZone().config().comment()).isEqualTo("first zone");
            assertThat(created.changeInfo().submittedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
            assertThat(created.delegationSet().nameServers()).containsExactly("ns-1.portico.test", "ns-2.portico.test");
            assertThat(created.location()).endsWith("/hostedzone/Z1");
            assertThat(fetched.callerReference()).isEqualTo("ref");
            assertThat(listed.hostedZones()).extracting(HostedZone::name).containsExactly("example.com.", "other.com.");
            assertThat(listed.maxItems()).isEqualTo("2");
            assertThat(listed.marker()).isEqualTo("m0");
            assertThat(listed.isTruncated()).isFalse();
        }
    }

    @Test
    void restXml_errors_areErrorResponseDocumentsTheSdkMapsToItsException() {
        try (Route53Client route53 = Route53Client.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            assertThatThrownBy(() -> route53.getHostedZone(r -> r.id("Z9")))
                    .isInstanceOfSatisfying(NoSuchHostedZoneException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No hosted zone found with ID: Z9");
                    });
        }
    }

    private static ObjectNode zone(String name, String reference, String comment) {
        ObjectNode zone = Json.object().put("Id", "/hostedzone/Z1").put("Name", name).put("CallerReference", reference)
                .put("ResourceRecordSetCount", 2);
        zone.putObject("Config").put("Comment", comment).put("PrivateZone", false);
        return zone;
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"));
    }
}
