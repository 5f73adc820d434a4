package io.portico.server.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.portico.server.PorticoConfig;
import io.portico.server.PorticoServer;
import io.portico.server.ServiceWiring;
import io.portico.server.testing.FunctionFixtures;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import io.portico.states.engine.StepFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Lambda's event source mapping API through the official LambdaClient: the recorded answers of
 * {@code test_lambda_integration_dynamodbstreams} and {@code test_lambda_api} (../shared/conformance).
 * The server's own wiring has no stream yet (portico-tables has not implemented the port), which the
 * first tests use; the rest run a Portico whose streams are {@link OneStream}, a test double of the port.
 */
@PorticoTest
class EventSourceMappingApiTest {
    private static final String MISSING = "arn:aws:dynamodb:us-east-1:000000000000:table/test-table-4a53f4e8/stream/2025-02-22T03:03:25.490";
    private static final OneStream STREAM = new OneStream();
    private static PorticoServer server;
    private static LambdaClient lambda;

    @BeforeAll
    static void start(@TempDir Path dataDir) throws Exception {
        server = PorticoServer.create(PorticoConfig.forTests(Files.createDirectories(dataDir.resolve("data"))),
                Clock.systemUTC(), context -> ServiceWiring.services(context, StepFunctions.Settings.defaults(), STREAM))
                .start();
        lambda = new PorticoClients(server.awsEndpoint(), "test", "test").lambda();
        lambda.createFunction(b -> b.functionName("consumer").runtime(Runtime.JAVA21).role(TestFunctions.ROLE)
                .handler("example.EchoHandler::handleRequest")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes()))));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                lambda.getFunctionConfiguration(b -> b.functionName("consumer")).stateAsString().equals("Active"));
    }

    @AfterAll
    static void stop() {
        lambda.close();
        server.close();
    }

    @Test
    void create_onAStreamThatDoesNotExist_isStreamNotFound(PorticoClients clients) {
        try (LambdaClient own = clients.lambda()) {
            own.createFunction(b -> b.functionName("no-stream").runtime(Runtime.JAVA21).role(TestFunctions.ROLE)
                    .handler("example.EchoHandler::handleRequest")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes()))));

            assertThatThrownBy(() -> own.createEventSourceMapping(b -> b.functionName("no-stream").eventSourceArn(MISSING)
                    .startingPosition(EventSourcePosition.LATEST)))
                    .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Stream not found: " + MISSING);
                    });
        }
    }

    @Test
    void unknownUuid_isTheRecordedNotFound(PorticoClients clients) {
        try (LambdaClient own = clients.lambda()) {
            String uuid = "00000000-0000-0000-0000-000000000000";
            assertThatThrownBy(() -> own.getEventSourceMapping(b -> b.uuid(uuid)))
                    .isInstanceOf(ResourceNotFoundException.class).hasMessageStartingWith("The resource you requested does not exist.");
            assertThatThrownBy(() -> own.deleteEventSourceMapping(b -> b.uuid(uuid)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> own.updateEventSourceMapping(b -> b.uuid(uuid).batchSize(5)))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void create_recordedValidation() {
        assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName("consumer")))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageStartingWith("Unrecognized event source.");
        assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName("nobody").eventSourceArn(OneStream.ARN)
                .startingPosition(EventSourcePosition.LATEST)))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageStartingWith("Function does not exist");
        assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName("consumer").eventSourceArn(OneStream.ARN)))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageStartingWith("1 validation error detected: Value null"
                        + " at 'startingPosition' failed to satisfy constraint: Member must not be null.");
        assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName("consumer").eventSourceArn(OneStream.ARN)
                .startingPosition("invalid")))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                        "1 validation error detected: Value 'invalid' at 'startingPosition' failed to satisfy constraint:"
                                + " Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]"));
        assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName("consumer").eventSourceArn(OneStream.ARN)
                .startingPosition(EventSourcePosition.AT_TIMESTAMP)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("Unsupported starting position for arn type: " + OneStream.ARN);
        for (String pattern : new String[] {"single-string", "[{\"eventName\": [\"INSERT\"=123}]"}) {
            assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName("consumer")
                    .eventSourceArn(OneStream.ARN).startingPosition(EventSourcePosition.TRIM_HORIZON)
                    .filterCriteria(f -> f.filters(p -> p.pattern(pattern)))))
                    .isInstanceOf(InvalidParameterValueException.class)
                    .hasMessageStartingWith("Invalid filter pattern definition.");
        }
    }

    @Test
    void mapping_lifecycle_asRecorded() {
        lambda.createFunction(b -> b.functionName("lifecycle").runtime(Runtime.JAVA21).role(TestFunctions.ROLE)
                .handler("example.EchoHandler::handleRequest")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes()))));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                lambda.getFunctionConfiguration(b -> b.functionName("lifecycle")).stateAsString().equals("Active"));
        CreateEventSourceMappingResponse created = lambda.createEventSourceMapping(b -> b.functionName("lifecycle")
                .eventSourceArn(OneStream.ARN).startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(1)
                .maximumBatchingWindowInSeconds(1).maximumRetryAttempts(1)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));

        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(created.state()).isEqualTo("Creating");
        assertThat(created.stateTransitionReason()).isEqualTo("User action");
        assertThat(created.lastProcessingResult()).isEqualTo("No records processed");
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:lifecycle");
        assertThat(created.eventSourceMappingArn())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:event-source-mapping:" + created.uuid());
        assertThat(created.batchSize()).isEqualTo(1);
        assertThat(created.maximumRecordAgeInSeconds()).isEqualTo(-1);
        assertThat(created.parallelizationFactor()).isEqualTo(1);
        assertThat(created.tumblingWindowInSeconds()).isZero();
        assertThat(created.bisectBatchOnFunctionError()).isFalse();
        assertThat(created.destinationConfig().onFailure().destination()).isNull();
        assertThat(created.functionResponseTypes()).containsExactly(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES);
        assertThat(created.lastModified()).isNotNull();

        GetEventSourceMappingResponse got = lambda.getEventSourceMapping(b -> b.uuid(created.uuid()));
        assertThat(got.state()).isEqualTo("Enabled");
        assertThat(lambda.listEventSourceMappings(b -> b.functionName("lifecycle")).eventSourceMappings())
                .singleElement().satisfies(m -> assertThat(m.uuid()).isEqualTo(created.uuid()));
        assertThat(lambda.listEventSourceMappings(b -> b.eventSourceArn(MISSING)).eventSourceMappings()).isEmpty();

        assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName("lifecycle")
                .eventSourceArn(OneStream.ARN).startingPosition(EventSourcePosition.TRIM_HORIZON)))
                .isInstanceOfSatisfying(ResourceConflictException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The event source arn (\" " + OneStream.ARN
                            + " \") and function (\" lifecycle \") provided mapping already exists. Please update or"
                            + " delete the existing mapping with UUID " + created.uuid());
                });

        STREAM.insert("first");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                lambda.getEventSourceMapping(b -> b.uuid(created.uuid())).lastProcessingResult().equals("OK"));

        var disabled = lambda.updateEventSourceMapping(b -> b.uuid(created.uuid()).enabled(false));
        assertThat(disabled.state()).isEqualTo("Disabling");
        assertThat(disabled.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(lambda.getEventSourceMapping(b -> b.uuid(created.uuid())).state()).isEqualTo("Disabled");

        var deleted = lambda.deleteEventSourceMapping(b -> b.uuid(created.uuid()));
        assertThat(deleted.state()).isEqualTo("Deleting");
        assertThatThrownBy(() -> lambda.getEventSourceMapping(b -> b.uuid(created.uuid())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    /**
     * The records reach a real Java handler as Lambda's DynamodbEvent (aws-lambda-java-events):
     * example.DynamodbStreamHandler reads Keys.pk and NewImage.count, and fails on a record without them.
     */
    @Test
    void records_reachAJavaHandlerAsDynamodbEvent() {
        lambda.createFunction(b -> b.functionName("stream-reader").runtime(Runtime.JAVA21).role(TestFunctions.ROLE)
                .handler("example.DynamodbStreamHandler::handleRequest")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes()))));
        String uuid = lambda.createEventSourceMapping(b -> b.functionName("stream-reader").eventSourceArn(OneStream.ARN)
                .startingPosition(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(0)).uuid();

        STREAM.insert("k1");

        await().atMost(Duration.ofSeconds(30)).until(() ->
                lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult().equals("OK"));
    }

    @Test
    void failingFunction_withoutRetries_isAProblemAndTheShardGoesOn() {
        lambda.createFunction(b -> b.functionName("stream-thrower").runtime(Runtime.JAVA21).role(TestFunctions.ROLE)
                .handler("example.ThrowingHandler::handleRequest")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes()))));
        String uuid = lambda.createEventSourceMapping(b -> b.functionName("stream-thrower").eventSourceArn(OneStream.ARN)
                .startingPosition(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(0)).uuid();

        STREAM.insert("k2");

        await().atMost(Duration.ofSeconds(30)).until(() ->
                lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult().equals("PROBLEM: Function call failed"));
    }

    @Test
    void list_pagesWithMarkers() {
        lambda.createFunction(b -> b.functionName("paged-consumer").runtime(Runtime.JAVA21).role(TestFunctions.ROLE)
                .handler("example.EchoHandler::handleRequest")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes()))));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                lambda.getFunctionConfiguration(b -> b.functionName("paged-consumer")).stateAsString().equals("Active"));
        lambda.publishVersion(b -> b.functionName("paged-consumer"));
        for (String qualifier : new String[] {"", ":1", ":$LATEST"}) {
            lambda.createEventSourceMapping(b -> b.functionName("paged-consumer" + qualifier).enabled(false)
                    .eventSourceArn(OneStream.ARN).startingPosition(EventSourcePosition.LATEST));
        }

        var first = lambda.listEventSourceMappings(b -> b.eventSourceArn(OneStream.ARN).maxItems(2));
        var second = lambda.listEventSourceMappings(b -> b.eventSourceArn(OneStream.ARN).maxItems(2).marker(first.nextMarker()));

        assertThat(first.eventSourceMappings()).hasSize(2);
        assertThat(first.nextMarker()).isNotNull();
        assertThat(second.eventSourceMappings()).isNotEmpty();
        assertThat(lambda.listEventSourceMappings(b -> b.functionName("paged-consumer:1")).eventSourceMappings())
                .singleElement().satisfies(m -> assertThat(m.functionArn()).endsWith(":paged-consumer:1"));
    }
}
