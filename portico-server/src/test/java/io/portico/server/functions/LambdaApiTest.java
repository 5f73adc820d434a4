package io.portico.server.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * The Lambda API through the official LambdaClient against a real server: the function lifecycle,
 * versions and aliases, concurrency, tags and synchronous Invoke with its errors. Functions are the
 * scripted {@code provided.al2023} fixture, so these tests need no Java handler build.
 */
@PorticoTest
class LambdaApiTest {
    private static final byte[] SCRIPTED = TestFunctions.bootstrapZip("/functions/scripted/bootstrap");

    private final LambdaClient lambda;
    private final URI endpoint;

    LambdaApiTest(PorticoClients clients) {
        this.lambda = clients.lambda();
        this.endpoint = clients.endpoint();
    }

    @AfterEach
    void close() {
        lambda.close();
    }

    private String deploy(String name, Map<String, String> env) {
        return TestFunctions.deployBootstrap(lambda, name, SCRIPTED, env);
    }

    private static SdkBytes json(String text) {
        return SdkBytes.fromString(text, StandardCharsets.UTF_8);
    }

    @Test
    void create_startsPending_thenActive_andGetFunctionDescribesIt() throws Exception {
        var created = lambda.createFunction(b -> b.functionName("lifecycle")
                .runtime(Runtime.PROVIDED_AL2023).handler("bootstrap").role(TestFunctions.ROLE)
                .description("first").timeout(7).memorySize(256)
                .environment(e -> e.variables(Map.of("MODE", "echo")))
                .tags(Map.of("team", "bff"))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(SCRIPTED))));
        assertThat(created.state()).isEqualTo(State.PENDING);
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:lifecycle");
        assertThat(created.version()).isEqualTo("$LATEST");
        assertThat(created.codeSize()).isEqualTo(SCRIPTED.length);
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("lifecycle"));

        GetFunctionResponse got = lambda.getFunction(b -> b.functionName("lifecycle"));
        assertThat(got.configuration().state()).isEqualTo(State.ACTIVE);
        assertThat(got.configuration().lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(got.configuration().timeout()).isEqualTo(7);
        assertThat(got.configuration().memorySize()).isEqualTo(256);
        assertThat(got.configuration().description()).isEqualTo("first");
        assertThat(got.configuration().environment().variables()).containsEntry("MODE", "echo");
        assertThat(got.tags()).containsEntry("team", "bff");
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(got.code().location())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(SCRIPTED);

        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("lifecycle")
                .runtime(Runtime.PROVIDED_AL2023).handler("bootstrap").role(TestFunctions.ROLE)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(SCRIPTED)))))
                .isInstanceOf(ResourceConflictException.class)
                .hasMessageContaining("Function already exist: lifecycle");
    }

    @Test
    void unknownFunction_isResourceNotFound_withLambdasMessage() {
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("nope")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");
                });
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("nope").qualifier("3")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("function:nope:3");
    }

    @Test
    void nameLongerThanLambdaCreates_isNotFound_notInvalid() {
        String name = "a".repeat(65);
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName(name)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:"
                        + name));
    }

    @Test
    void tagging_resourcesPorticoDoesNotHave_isNotFound_inLambdasWords() {
        String mapping = "arn:aws:lambda:us-east-1:000000000000:event-source-mapping:"
                + "0f4c3a52-7a5e-4d8e-9d3c-1b2a3c4d5e6f";
        String provider = "arn:aws:lambda:us-east-1:000000000000:capacity-provider:provider";
        assertThatThrownBy(() -> lambda.tagResource(b -> b.resource(mapping).tags(Map.of("a", "1"))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Event source mapping not found: " + mapping));
        assertThatThrownBy(() -> lambda.listTags(b -> b.resource(provider)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Capacity provider not found: " + provider));
    }

    @Test
    void retiredRuntime_isRefusedWithLambdasDeprecationMessage() {
        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("retired").runtime("go1.x")
                .handler("bootstrap").role(TestFunctions.ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(SCRIPTED)))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("The runtime parameter of go1.x is no longer supported for creating"
                        + " or updating AWS Lambda functions. We recommend you use a supported runtime while creating"
                        + " or updating functions."));
    }

    @Test
    void badCreateRequests_getLambdasErrors() {
        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("badzip").runtime(Runtime.PROVIDED_AL2023)
                .handler("bootstrap").role(TestFunctions.ROLE).code(c -> c.zipFile(json("not a zip")))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Could not unzip uploaded file");
        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("badtimeout").runtime(Runtime.PROVIDED_AL2023)
                .handler("bootstrap").role(TestFunctions.ROLE).timeout(901)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(SCRIPTED)))))
                .isInstanceOfSatisfying(LambdaException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("ruby").runtime(Runtime.RUBY3_3)
                .handler("app.handler").role(TestFunctions.ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(SCRIPTED)))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("ruby3.3 is not supported by Portico");
    }

    @Test
    void invoke_requestResponse_returnsPayload_andTailLog() {
        deploy("echo", Map.of("MODE", "echo"));
        InvokeResponse response = lambda.invoke(b -> b.functionName("echo").payload(json("{\"hello\":\"world\"}"))
                .logType(LogType.TAIL));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        assertThat(response.payload().asUtf8String()).isEqualTo("{\"hello\": \"world\"}");
        String log = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        assertThat(log).contains("START RequestId: ").contains("handling echo").contains("END RequestId: ")
                .contains("REPORT RequestId: ").contains("Billed Duration: ");

        InvokeResponse empty = lambda.invoke(b -> b.functionName("echo"));
        assertThat(empty.payload().asUtf8String()).isEqualTo("{}");
    }

    @Test
    void invoke_badPayloads_getLambdasErrors() {
        deploy("echo-bad", Map.of("MODE", "echo"));
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("echo-bad").payload(json("{not json"))))
                .isInstanceOfSatisfying(InvalidRequestContentException.class, e ->
                        assertThat(e.getMessage()).contains("Could not parse request body into json"));
        String big = "\"" + "a".repeat(6 * 1024 * 1024) + "\"";
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("echo-bad").payload(json(big))))
                .isInstanceOfSatisfying(RequestTooLargeException.class, e -> assertThat(e.statusCode()).isEqualTo(413));
        String bigAsync = "\"" + "a".repeat(256 * 1024) + "\"";
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("echo-bad").invocationType(InvocationType.EVENT)
                .payload(json(bigAsync)))).isInstanceOf(RequestTooLargeException.class);
        assertThat(lambda.invoke(b -> b.functionName("echo-bad").invocationType(InvocationType.DRY_RUN)).statusCode())
                .isEqualTo(204);
    }

    @Test
    void functionError_isUnhandled_withTheErrorDocument() {
        deploy("failing", Map.of("MODE", "fail", "ERROR_TYPE", "BookingFailed"));
        InvokeResponse response = lambda.invoke(b -> b.functionName("failing").payload(json("{}")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).contains("\"errorType\": \"BookingFailed\"")
                .contains("failed on purpose");
    }

    @Test
    void timeout_failsTheInvocation_withLambdasMessage() {
        TestFunctions.deployBootstrap(lambda, "slow", SCRIPTED, Map.of("MODE", "sleep"));
        lambda.updateFunctionConfiguration(b -> b.functionName("slow").timeout(1));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("slow"));
        InvokeResponse response = lambda.invoke(b -> b.functionName("slow").payload(json("{\"ms\": 3000}")));
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).contains("Sandbox.Timedout")
                .contains("Task timed out after 1.00 seconds");
        // the environment was discarded; a fresh one serves the next call
        assertThat(lambda.invoke(b -> b.functionName("slow").payload(json("{\"ms\": 0}"))).functionError()).isNull();
    }

    @Test
    void updates_versions_andAliases() {
        deploy("versioned", Map.of("MODE", "env", "GENERATION", "one"));
        var v1 = lambda.publishVersion(b -> b.functionName("versioned").description("gen one"));
        assertThat(v1.version()).isEqualTo("1");
        assertThat(v1.functionArn()).endsWith("function:versioned:1");
        assertThat(lambda.publishVersion(b -> b.functionName("versioned")).version())
                .as("publishing unchanged code and settings returns the same version").isEqualTo("1");

        var updated = lambda.updateFunctionConfiguration(b -> b.functionName("versioned")
                .environment(e -> e.variables(Map.of("MODE", "env", "GENERATION", "two"))));
        assertThat(updated.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("versioned"));
        String v2 = lambda.publishVersion(b -> b.functionName("versioned")).version();
        assertThat(v2).isEqualTo("2");
        assertThat(lambda.listVersionsByFunction(b -> b.functionName("versioned")).versions())
                .extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1", "2");

        assertThat(invokeEnv("versioned", "1")).contains("\"GENERATION\": \"one\"");
        assertThat(invokeEnv("versioned", "2")).contains("\"GENERATION\": \"two\"");

        var alias = lambda.createAlias(b -> b.functionName("versioned").name("live").functionVersion("1"));
        assertThat(alias.aliasArn()).endsWith("function:versioned:live");
        InvokeResponse viaAlias = lambda.invoke(b -> b.functionName("versioned:live"));
        assertThat(viaAlias.executedVersion()).isEqualTo("1");
        assertThatThrownBy(() -> lambda.updateAlias(b -> b.functionName("versioned").name("live").functionVersion("2")
                .revisionId("stale"))).isInstanceOf(PreconditionFailedException.class);
        lambda.updateAlias(b -> b.functionName("versioned").name("live").functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 1.0))));
        assertThat(lambda.invoke(b -> b.functionName("versioned").qualifier("live")).executedVersion()).isEqualTo("2");
        assertThat(lambda.listAliases(b -> b.functionName("versioned")).aliases()).hasSize(1);
        assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName("versioned").qualifier("1")))
                .isInstanceOf(ResourceConflictException.class);
        lambda.deleteAlias(b -> b.functionName("versioned").name("live"));
        lambda.deleteFunction(b -> b.functionName("versioned").qualifier("1"));
        assertThat(lambda.listVersionsByFunction(b -> b.functionName("versioned")).versions())
                .extracting(FunctionConfiguration::version).containsExactly("$LATEST", "2");
        lambda.deleteFunction(b -> b.functionName("versioned"));
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("versioned")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private String invokeEnv(String name, String qualifier) {
        return lambda.invoke(b -> b.functionName(name).qualifier(qualifier)).payload().asUtf8String();
    }

    @Test
    void reservedConcurrency_zeroThrottles_andLimitsAreChecked() {
        deploy("throttled", Map.of("MODE", "echo"));
        lambda.putFunctionConcurrency(b -> b.functionName("throttled").reservedConcurrentExecutions(0));
        assertThat(lambda.getFunctionConcurrency(b -> b.functionName("throttled")).reservedConcurrentExecutions())
                .isZero();
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("throttled")))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
        assertThatThrownBy(() -> lambda.putFunctionConcurrency(b -> b.functionName("throttled")
                .reservedConcurrentExecutions(950))).isInstanceOf(InvalidParameterValueException.class);
        lambda.deleteFunctionConcurrency(b -> b.functionName("throttled"));
        assertThat(lambda.invoke(b -> b.functionName("throttled")).statusCode()).isEqualTo(200);
        assertThat(lambda.getAccountSettings().accountLimit().concurrentExecutions()).isEqualTo(1000);
    }

    @Test
    void tags_listFunctions_andEventInvokeConfig() {
        String arn = deploy("tagged", Map.of("MODE", "echo"));
        lambda.tagResource(b -> b.resource(arn).tags(Map.of("a", "1", "b", "2")));
        lambda.untagResource(b -> b.resource(arn).tagKeys("a"));
        assertThat(lambda.listTags(b -> b.resource(arn)).tags()).containsExactly(Map.entry("b", "2"));
        assertThat(lambda.listFunctions().functions()).extracting(FunctionConfiguration::functionName).contains("tagged");
        var firstPage = lambda.listFunctions(b -> b.maxItems(1));
        assertThat(firstPage.functions()).hasSize(1);
        assertThat(firstPage.nextMarker()).isNotNull();

        var config = lambda.putFunctionEventInvokeConfig(b -> b.functionName("tagged").maximumRetryAttempts(1)
                .destinationConfig(d -> d.onFailure(f -> f.destination(arn))));
        assertThat(config.functionArn()).isEqualTo(arn + ":$LATEST");
        assertThat(config.maximumEventAgeInSeconds()).isEqualTo(21600);
        lambda.updateFunctionEventInvokeConfig(b -> b.functionName("tagged").maximumEventAgeInSeconds(120));
        var read = lambda.getFunctionEventInvokeConfig(b -> b.functionName("tagged"));
        assertThat(read.maximumRetryAttempts()).isEqualTo(1);
        assertThat(read.maximumEventAgeInSeconds()).isEqualTo(120);
        assertThat(read.destinationConfig().onFailure().destination()).isEqualTo(arn);
        assertThat(lambda.listFunctionEventInvokeConfigs(b -> b.functionName("tagged")).functionEventInvokeConfigs())
                .hasSize(1);
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("tagged")
                .maximumRetryAttempts(3))).isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        lambda.deleteFunctionEventInvokeConfig(b -> b.functionName("tagged"));
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(b -> b.functionName("tagged")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void functionLogs_areReadablePerFunction() throws Exception {
        String arn = deploy("logged", Map.of("MODE", "echo"));
        lambda.invoke(b -> b.functionName("logged"));
        HttpResponse<String> logs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                endpoint.resolve("/_portico/lambda/logs/" + arn)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(logs.statusCode()).isEqualTo(200);
        assertThat(logs.body()).contains("handling echo").contains("REPORT RequestId");
    }
}
