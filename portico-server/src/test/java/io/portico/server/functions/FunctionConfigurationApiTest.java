package io.portico.server.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.server.PorticoConfig;
import io.portico.server.PorticoServer;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.TestFunctions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * What CreateFunction, UpdateFunctionConfiguration and UpdateFunctionCode are given comes back in the
 * function's configuration as Lambda reports it (the shapes recorded in test_lambda_api.snapshot.json,
 * TestLambdaFunction::test_vpc_config), and survives a restart. Each test runs its own Portico on a
 * temporary data directory, so it can start a second one on the same directory.
 */
class FunctionConfigurationApiTest {
    private static final byte[] SCRIPTED = TestFunctions.bootstrapZip("/functions/scripted/bootstrap");
    private static final String EFS = "arn:aws:elasticfilesystem:us-east-1:000000000000:access-point/fsap-0123456789abcdef0";

    @TempDir
    Path dataDir;

    @Test
    void create_vpcFileSystemsAndEmptyEnvironment_areReportedAndSurviveARestart() {
        FunctionConfiguration created;
        try (PorticoServer server = start(); LambdaClient lambda = lambda(server)) {
            var response = lambda.createFunction(function("attached", b -> b
                    .vpcConfig(v -> v.subnetIds("subnet-1").securityGroupIds("sg-1"))
                    .fileSystemConfigs(f -> f.arn(EFS).localMountPath("/mnt/data"))
                    .environment(e -> e.variables(Map.of()))));
            created = asConfiguration(lambda.getFunctionConfiguration(b -> b.functionName("attached")));

            assertThat(response.vpcConfig().subnetIds()).containsExactly("subnet-1");
            assertThat(response.vpcConfig().securityGroupIds()).containsExactly("sg-1");
            assertThat(response.vpcConfig().vpcId()).isEmpty();
            assertThat(response.vpcConfig().ipv6AllowedForDualStack()).isFalse();
            assertThat(response.fileSystemConfigs()).singleElement().satisfies(f -> {
                assertThat(f.arn()).isEqualTo(EFS);
                assertThat(f.localMountPath()).isEqualTo("/mnt/data");
            });
            assertThat(response.environment()).isNotNull();
            assertThat(response.environment().variables()).isEmpty();
            assertThat(response.runtimeVersionConfig().runtimeVersionArn())
                    .matches("arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}");
        }
        try (PorticoServer server = start(); LambdaClient lambda = lambda(server)) {
            FunctionConfiguration restarted = asConfiguration(lambda.getFunctionConfiguration(b -> b.functionName("attached")));

            assertThat(restarted.vpcConfig()).isEqualTo(created.vpcConfig());
            assertThat(restarted.fileSystemConfigs()).isEqualTo(created.fileSystemConfigs());
            assertThat(restarted.environment()).isEqualTo(created.environment());
            assertThat(lambda.getFunction(b -> b.functionName("attached")).configuration().vpcConfig().subnetIds())
                    .containsExactly("subnet-1");
        }
    }

    @Test
    void loggingConfig_switchesFormat_asLambdaDoes_andSurvivesARestart() {
        try (PorticoServer server = start(); LambdaClient lambda = lambda(server)) {
            var created = lambda.createFunction(function("logged", b -> { }));
            assertThat(created.loggingConfig().logFormatAsString()).isEqualTo("Text");
            assertThat(created.loggingConfig().logGroup()).isEqualTo("/aws/lambda/logged");
            assertThat(created.loggingConfig().applicationLogLevel()).isNull();

            // test_lambda_api.snapshot.json, TestLoggingConfig::test_advanced_logging_configuration_format_switch
            var json = lambda.updateFunctionConfiguration(b -> b.functionName("logged").loggingConfig(l -> l.logFormat("JSON")));
            assertThat(json.loggingConfig().logFormatAsString()).isEqualTo("JSON");
            assertThat(json.loggingConfig().applicationLogLevelAsString()).isEqualTo("INFO");
            assertThat(json.loggingConfig().systemLogLevelAsString()).isEqualTo("INFO");

            lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("logged"));
            var grouped = lambda.updateFunctionConfiguration(b -> b.functionName("logged")
                    .loggingConfig(l -> l.logGroup("cool_lambda").applicationLogLevel("DEBUG")));
            assertThat(grouped.loggingConfig().logGroup()).isEqualTo("cool_lambda");
            assertThat(grouped.loggingConfig().applicationLogLevelAsString()).isEqualTo("DEBUG");
        }
        try (PorticoServer server = start(); LambdaClient lambda = lambda(server)) {
            var restarted = lambda.getFunctionConfiguration(b -> b.functionName("logged")).loggingConfig();
            assertThat(restarted.logFormatAsString()).isEqualTo("JSON");
            assertThat(restarted.logGroup()).isEqualTo("cool_lambda");

            var text = lambda.updateFunctionConfiguration(b -> b.functionName("logged").loggingConfig(l -> l.logFormat("Text")));
            assertThat(text.loggingConfig().logFormatAsString()).isEqualTo("Text");
            assertThat(text.loggingConfig().applicationLogLevel()).isNull();
            assertThat(text.loggingConfig().systemLogLevel()).isNull();
            assertThat(text.loggingConfig().logGroup()).isEqualTo("cool_lambda");
        }
    }

    @Test
    void create_withoutEnvironmentOrVpc_reportsNeither() {
        try (PorticoServer server = start(); LambdaClient lambda = lambda(server)) {
            var response = lambda.createFunction(function("plain", b -> { }));

            assertThat(response.environment()).isNull();
            assertThat(response.vpcConfig()).isNull();
            assertThat(response.hasFileSystemConfigs()).isFalse();
        }
    }

    @Test
    void updateConfiguration_emptyVpcLists_detachTheFunctionAndReadEmpty() {
        try (PorticoServer server = start(); LambdaClient lambda = lambda(server)) {
            lambda.createFunction(function("detached", b -> b.vpcConfig(v -> v.subnetIds("subnet-1").securityGroupIds("sg-1"))));
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("detached"));

            var updated = lambda.updateFunctionConfiguration(b -> b.functionName("detached")
                    .vpcConfig(v -> v.subnetIds(List.of()).securityGroupIds(List.of())));

            assertThat(updated.vpcConfig().subnetIds()).isEmpty();
            assertThat(updated.vpcConfig().securityGroupIds()).isEmpty();
            assertThat(updated.vpcConfig().vpcId()).isEmpty();
        }
    }

    @Test
    void listFunctions_leaveOutStateAndRuntimeVersion_asLambdaLists() {
        try (PorticoServer server = start(); LambdaClient lambda = lambda(server)) {
            lambda.createFunction(function("listed", b -> { }));

            FunctionConfiguration listed = lambda.listFunctions().functions().get(0);
            FunctionConfiguration version = lambda.listVersionsByFunction(b -> b.functionName("listed")).versions().get(0);

            assertThat(List.of(listed, version)).allSatisfy(f -> {
                assertThat(f.functionName()).isEqualTo("listed");
                assertThat(f.state()).isNull();
                assertThat(f.lastUpdateStatus()).isNull();
                assertThat(f.runtimeVersionConfig()).isNull();
                assertThat(f.tracingConfig()).isNotNull();
            });
        }
    }

    @Test
    void updateCode_dryRunChangesNothing_architecturesChangeWithTheCode() {
        try (PorticoServer server = start(); LambdaClient lambda = lambda(server)) {
            String sha = lambda.createFunction(function("recoded", b -> { })).codeSha256();
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("recoded"));
            byte[] other = TestFunctions.zip(Map.of("bootstrap", "#!/bin/sh\n".getBytes()));

            var dry = lambda.updateFunctionCode(b -> b.functionName("recoded").zipFile(SdkBytes.fromByteArray(other))
                    .architectures(Architecture.ARM64).dryRun(true));
            assertThat(dry.codeSha256()).isEqualTo(sha);
            assertThat(lambda.getFunctionConfiguration(b -> b.functionName("recoded")).codeSha256()).isEqualTo(sha);
            assertThatThrownBy(() -> lambda.updateFunctionCode(b -> b.functionName("recoded").dryRun(true)
                    .zipFile(SdkBytes.fromUtf8String("not a zip")))).isInstanceOf(InvalidParameterValueException.class);
            assertThatThrownBy(() -> lambda.updateFunctionCode(b -> b.functionName("recoded").dryRun(true)
                    .zipFile(SdkBytes.fromByteArray(other)).revisionId("stale")))
                    .isInstanceOf(PreconditionFailedException.class);

            var updated = lambda.updateFunctionCode(b -> b.functionName("recoded").zipFile(SdkBytes.fromByteArray(other))
                    .architectures(Architecture.ARM64));
            assertThat(updated.codeSha256()).isNotEqualTo(sha);
            assertThat(updated.architectures()).containsExactly(Architecture.ARM64);
        }
    }

    @Test
    void create_withoutRuntime_isInvalidParameterValue() {
        try (PorticoServer server = start(); LambdaClient lambda = lambda(server)) {
            assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("noruntime").handler("bootstrap")
                    .role(TestFunctions.ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(SCRIPTED)))))
                    .isInstanceOf(InvalidParameterValueException.class)
                    .hasMessageContaining("Runtime is required for a function of package type Zip.");
        }
    }

    private PorticoServer start() {
        return PorticoServer.create(PorticoConfig.forTests(dataDir)).start();
    }

    private static LambdaClient lambda(PorticoServer server) {
        return new PorticoClients(server.awsEndpoint(), "test", "test").lambda();
    }

    private static CreateFunctionRequest function(String name, Consumer<CreateFunctionRequest.Builder> more) {
        CreateFunctionRequest.Builder b = CreateFunctionRequest.builder().functionName(name)
                .runtime(Runtime.PROVIDED_AL2023).handler("bootstrap").role(TestFunctions.ROLE)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(SCRIPTED)));
        more.accept(b);
        return b.build();
    }

    private static FunctionConfiguration asConfiguration(GetFunctionConfigurationResponse r) {
        return FunctionConfiguration.builder().vpcConfig(r.vpcConfig()).fileSystemConfigs(r.fileSystemConfigs())
                .environment(r.environment()).build();
    }
}
