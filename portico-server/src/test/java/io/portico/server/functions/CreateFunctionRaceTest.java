package io.portico.server.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.testing.Race;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * CreateFunction raced from many threads through the real LambdaClient (retries off, so a 500 cannot
 * hide behind a retry): one function, and Lambda's ResourceConflictException for every other call. Also
 * Lambda's tag limit, now enforced by the kit's tag table.
 */
@PorticoTest
class CreateFunctionRaceTest {
    private static final int RACERS = 12;
    private static final byte[] SCRIPTED = TestFunctions.bootstrapZip("/functions/scripted/bootstrap");

    private final LambdaClient lambda;

    CreateFunctionRaceTest(PorticoClients clients) {
        this.lambda = clients.create(LambdaClient.builder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())));
    }

    @AfterEach
    void close() {
        lambda.close();
    }

    private CreateFunctionResponse create(String name, Map<String, String> tags) {
        return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PROVIDED_AL2023).handler("bootstrap")
                .role(TestFunctions.ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(SCRIPTED))).tags(tags));
    }

    private static Map<String, String> tags(int count) {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < count; i++) {
            tags.put(i + "_key", i + "_value");
        }
        return tags;
    }

    @Test
    void createFunction_sameNameInParallel_oneCreatesTheRestConflict() throws Exception {
        List<Race.Outcome<CreateFunctionResponse>> outcomes = Race.run(RACERS, i -> () ->
                create("raced", Map.of("racer", "" + i)));

        assertThat(Race.values(outcomes)).hasSize(1);
        assertThat(Race.failures(outcomes)).hasSize(RACERS - 1).allSatisfy(e -> assertThat(e)
                .isInstanceOf(ResourceConflictException.class)
                .hasMessageStartingWith("Function already exist: raced"));
        String arn = Race.values(outcomes).get(0).functionArn();
        assertThat(lambda.listTags(b -> b.resource(arn)).tags()).hasSize(1).containsKey("racer");
    }

    @Test
    void createFunction_withMoreThan50Tags_isInvalidParameterValue_andCreatesNothing() {
        assertThatThrownBy(() -> create("overtagged", tags(51)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("Number of tags exceeds resource tag limit.");
        assertThat(lambda.listFunctions().functions()).noneMatch(f -> f.functionName().equals("overtagged"));
    }

    @Test
    void tagResource_pastFiftyTags_isInvalidParameterValue() {
        String arn = create("tagged-to-the-limit", tags(50)).functionArn();

        assertThatThrownBy(() -> lambda.tagResource(b -> b.resource(arn).tags(Map.of("one-more", "v"))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("Number of tags exceeds resource tag limit.");
        assertThat(lambda.listTags(b -> b.resource(arn)).tags()).hasSize(50);
    }
}
