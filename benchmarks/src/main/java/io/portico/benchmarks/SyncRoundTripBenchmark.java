package io.portico.benchmarks;

import io.portico.server.PorticoConfig;
import io.portico.server.PorticoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * StartSyncExecution round trip of the 3-state workload through the official SfnClient over loopback
 * HTTP to a real server (request signing, JSON, HTTP, the engine, and back): the latency a BFF handler
 * sees, with the SDK's default (Apache) HTTP client. Sample-time mode reports the percentiles (p50 is the figure the issue targets).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SyncRoundTripBenchmark {
    private Path dataDir;
    private PorticoServer server;
    private SfnClient sfn;
    private String machineArn;
    private String input;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Workloads w = Workloads.load("sync-3");
        dataDir = Files.createTempDirectory("portico-sync-bench");
        server = PorticoServer.create(PorticoConfig.forTests(dataDir));
        server.start();
        sfn = SfnClient.builder()
                .endpointOverride(server.awsEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
        machineArn = sfn.createStateMachine(b -> b.name("sync3").definition(w.definitionText())
                .roleArn("arn:aws:iam::000000000000:role/bench").type(StateMachineType.EXPRESS)).stateMachineArn();
        input = w.input().toString();
        prepareRaw();
        StartSyncExecutionResponse check = execution();
        if (check.status() != SyncExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("unexpected result " + check);
        }
    }

    @Benchmark
    public StartSyncExecutionResponse execution() {
        return sfn.startSyncExecution(b -> b.stateMachineArn(machineArn).input(input));
    }

    /** The same call as raw JSON over a kept-alive java.net.http connection: the server's share. */
    @Benchmark
    public String rawHttp() throws IOException, InterruptedException {
        return http.send(rawRequest, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private java.net.http.HttpClient http;
    private java.net.http.HttpRequest rawRequest;

    private void prepareRaw() {
        http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        String body = "{\"stateMachineArn\":\"" + machineArn + "\",\"input\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(input) + "}";
        rawRequest = java.net.http.HttpRequest.newBuilder(server.awsEndpoint())
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AWSStepFunctions.StartSyncExecution")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sfn.close();
        server.close();
    }
}
