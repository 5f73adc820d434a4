package io.portico.server.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.portico.server.testing.FunctionFixtures;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The seed architecture's travel booking saga end to end: a STANDARD state machine books a hotel, fails
 * to book a flight, and compensates by cancelling the hotel. The steps are unchanged Lambda Java
 * handlers (the fixtures' {@code example.saga}), deployed with LambdaClient and called through
 * {@code arn:aws:states:::lambda:invoke}; the flight's exception class is the error the Catch names.
 */
@PorticoTest
class TravelSagaTest {
    private static final String SAGA = """
            {"StartAt": "BookHotel", "States": {
              "BookHotel": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "book-hotel", "Payload.$": "$"},
                "ResultSelector": {"hotelBookingId.$": "$.Payload.hotelBookingId"}, "ResultPath": "$.hotel",
                "Next": "BookFlight"},
              "BookFlight": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "book-flight", "Payload.$": "$"},
                "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 2}],
                "Catch": [{"ErrorEquals": ["example.saga.FlightUnavailableException"], "ResultPath": "$.error",
                           "Next": "CancelHotel"}],
                "End": true},
              "CancelHotel": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:cancel-hotel",
                "Parameters": {"hotelBookingId.$": "$.hotel.hotelBookingId"}, "ResultPath": "$.compensation",
                "Next": "BookingFailed"},
              "BookingFailed": {"Type": "Fail", "Error": "BookingFailed", "Cause": "The flight could not be booked"}}}""";

    @Test
    void flightFails_hotelIsCancelled_executionFails(PorticoClients clients) {
        try (LambdaClient lambda = clients.lambda(); SfnClient sfn = clients.sfn()) {
            byte[] zip = FunctionFixtures.lambdaZipBytes();
            for (String[] f : new String[][] {{"book-hotel", "example.saga.BookHotel"},
                    {"book-flight", "example.saga.BookFlight"}, {"cancel-hotel", "example.saga.CancelHotel"}}) {
                lambda.createFunction(b -> b.functionName(f[0]).runtime(Runtime.JAVA21).handler(f[1])
                        .role(TestFunctions.ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
                lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(f[0]));
            }
            String machine = sfn.createStateMachine(b -> b.name("travel-saga").definition(SAGA)
                    .roleArn("arn:aws:iam::000000000000:role/saga")).stateMachineArn();

            String execution = sfn.startExecution(b -> b.stateMachineArn(machine)
                    .input("{\"tripId\": \"T42\", \"flight\": \"PO123\"}")).executionArn();

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    sfn.describeExecution(b -> b.executionArn(execution)).status() != ExecutionStatus.RUNNING);
            var described = sfn.describeExecution(b -> b.executionArn(execution));
            assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(described.error()).isEqualTo("BookingFailed");
            var events = sfn.getExecutionHistoryPaginator(b -> b.executionArn(execution)).events().stream().toList();
            assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_FAILED)
                    .singleElement().satisfies(e -> {
                        assertThat(e.taskFailedEventDetails().error()).isEqualTo("example.saga.FlightUnavailableException");
                        assertThat(e.taskFailedEventDetails().cause()).contains("No seats left on PO123");
                    });
            assertThat(events).filteredOn(e -> e.type() == HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED)
                    .extracting(HistoryEvent::lambdaFunctionSucceededEventDetails)
                    .singleElement().satisfies(d -> assertThat(d.output())
                            .contains("\"cancelled\":\"H-T42\"").contains("\"status\":\"CANCELLED\""));
        }
    }
}
