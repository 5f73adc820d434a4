package io.portico.server.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Builds AWS SDK v2 clients pointed at one Portico: endpoint override, region us-east-1, static
 * credentials (the server's first configured key, else dummy ones), the URL-connection HTTP client, and
 * host-prefix injection disabled (so {@code StartSyncExecution} does not go to {@code sync-127.0.0.1}).
 * The caller closes the clients it builds. Thread safe.
 */
public final class PorticoClients {

    private final URI endpoint;
    private final AwsCredentials credentials;

    public PorticoClients(URI endpoint, String accessKeyId, String secret) {
        this(endpoint, AwsBasicCredentials.create(accessKeyId, secret));
    }

    private PorticoClients(URI endpoint, AwsCredentials credentials) {
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /**
     * Configures and builds any SDK v2 sync client: {@code clients.create(SqsClient.builder())}. An
     * override configuration already on {@code builder} (a retry strategy, say) is kept.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(B builder) {
        return builder
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(builder.overrideConfiguration().toBuilder()
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true).build())
                .build();
    }

    /** A Step Functions client. */
    public SfnClient sfn() {
        return create(SfnClient.builder());
    }

    /** A Lambda client. */
    public LambdaClient lambda() {
        return create(LambdaClient.builder());
    }

    /** A DynamoDB Streams client. */
    public DynamoDbStreamsClient dynamoDbStreams() {
        return create(DynamoDbStreamsClient.builder());
    }

    /** A DynamoDB client. */
    public DynamoDbClient dynamoDb() {
        return create(DynamoDbClient.builder());
    }

    /** The same endpoint with other credentials, e.g. to test signature rejection. */
    public PorticoClients withCredentials(String otherAccessKeyId, String otherSecret) {
        return new PorticoClients(endpoint, otherAccessKeyId, otherSecret);
    }

    /** The same endpoint with session credentials (key, secret and session token). */
    public PorticoClients withSessionCredentials(String accessKeyId, String secret, String sessionToken) {
        return new PorticoClients(endpoint, AwsSessionCredentials.create(accessKeyId, secret, sessionToken));
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * A GET of {@code path} on the endpoint signed with SigV4 by these credentials for {@code service}, as
     * {@code curl --aws-sigv4} or any SDK signer sends it: for Portico's own {@code /_portico/} paths.
     */
    public java.net.http.HttpRequest signedGet(String path, String service) {
        var unsigned = software.amazon.awssdk.http.SdkHttpRequest.builder()
                .method(software.amazon.awssdk.http.SdkHttpMethod.GET).uri(endpoint.resolve(path)).build();
        var signed = software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create().sign(r -> r
                .identity(software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create(
                        credentials.accessKeyId(), credentials.secretAccessKey()))
                .request(unsigned)
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, "us-east-1"))
                .request();
        var builder = java.net.http.HttpRequest.newBuilder(signed.getUri()).GET();
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }
}
