package io.portico.benchmarks;

import io.portico.server.PorticoConfig;
import io.portico.server.PorticoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A real Portico on loopback with the fixtures' Java handlers deployed through LambdaClient, shared by
 * the Lambda benchmarks. The fixtures zip is {@code -Dportico.bench.fixturesZip}, else the one the
 * reactor build left in {@code portico-functions-fixtures/target}.
 */
final class LambdaBench implements AutoCloseable {
    final PorticoServer server;
    final LambdaClient lambda;
    final SfnClient sfn;
    private final Path dataDir;

    LambdaBench() throws IOException {
        dataDir = Files.createTempDirectory("portico-lambda-bench");
        server = PorticoServer.create(PorticoConfig.forTests(dataDir)).start();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
        lambda = LambdaClient.builder().endpointOverride(server.awsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder().maxConnections(256))
                .build();
        sfn = SfnClient.builder().endpointOverride(server.awsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder().maxConnections(256))
                .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    void deploy(String name, String handler) throws IOException {
        byte[] zip = Files.readAllBytes(fixturesZip());
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA21).handler(handler)
                .role("arn:aws:iam::000000000000:role/bench").code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    private static Path fixturesZip() throws IOException {
        String configured = System.getProperty("portico.bench.fixturesZip");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path target = p.resolve("portico-functions-fixtures/target");
            if (Files.isDirectory(target)) {
                try (Stream<Path> files = Files.list(target)) {
                    return files.filter(f -> f.getFileName().toString().endsWith("-lambda.zip")).findFirst()
                            .orElseThrow(() -> new IOException("build the fixtures first: mvn install"));
                }
            }
        }
        throw new IOException("portico-functions-fixtures/target not found; set -Dportico.bench.fixturesZip");
    }

    @Override
    public void close() {
        lambda.close();
        sfn.close();
        server.close();
    }
}
