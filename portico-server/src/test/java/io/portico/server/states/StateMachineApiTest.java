package io.portico.server.states;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.EncryptionType;
import software.amazon.awssdk.services.sfn.model.IncludedData;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** State machines, versions, aliases, validation and tags through the official SfnClient. */
@PorticoTest
class StateMachineApiTest {
    static final String ROLE = "arn:aws:iam::000000000000:role/test";
    static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
    static final String PASS_RESULT = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":1,\"End\":true}}}";

    private final SfnClient sfn;

    StateMachineApiTest(PorticoClients clients) {
        this.sfn = clients.sfn();
    }

    @Test
    void createDescribeUpdateDelete_roundTrip() {
        CreateStateMachineResponse created = sfn.createStateMachine(b -> b.name("crud").definition(PASS).roleArn(ROLE));
        assertThat(created.stateMachineArn()).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:crud");

        DescribeStateMachineResponse described = sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));
        assertThat(described.definition()).isEqualTo(PASS);
        assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
        assertThat(described.roleArn()).isEqualTo(ROLE);
        assertThat(described.statusAsString()).isEqualTo("ACTIVE");

        String revision = sfn.updateStateMachine(b -> b.stateMachineArn(created.stateMachineArn()).definition(PASS_RESULT))
                .revisionId();
        assertThat(revision).isNotEqualTo(described.revisionId());
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn())).definition()).isEqualTo(PASS_RESULT);
        assertThat(sfn.listStateMachines().stateMachines()).anyMatch(m -> m.name().equals("crud"));

        sfn.deleteStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn())))
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .hasMessageContaining("State Machine Does Not Exist: '" + created.stateMachineArn() + "'");
    }

    @Test
    void describe_metadataOnly_answersTheDefinitionAsEmptyObject() {
        String arn = sfn.createStateMachine(b -> b.name("metadata").definition(PASS).roleArn(ROLE)).stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();

        DescribeStateMachineResponse metadata = sfn.describeStateMachine(b -> b.stateMachineArn(arn)
                .includedData(IncludedData.METADATA_ONLY));
        DescribeStateMachineResponse all = sfn.describeStateMachine(b -> b.stateMachineArn(arn)
                .includedData(IncludedData.ALL_DATA));
        var forExecution = sfn.describeStateMachineForExecution(b -> b.executionArn(execution)
                .includedData(IncludedData.METADATA_ONLY));

        assertThat(metadata.definition()).isEqualTo("{}");
        assertThat(metadata.toBuilder().definition(PASS).build().equalsBySdkFields(all))
                .as("only the definition differs: %s / %s", metadata, all).isTrue();
        assertThat(forExecution.definition()).isEqualTo("{}");
        assertThat(forExecution.name()).isEqualTo("metadata");
        assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(execution)).definition()).isEqualTo(PASS);
    }

    @Test
    void describe_reportsTheDefaultEncryption_awsOwnedKey() {
        String arn = sfn.createStateMachine(b -> b.name("encrypted").definition(PASS).roleArn(ROLE)).stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();

        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).encryptionConfiguration().type())
                .isEqualTo(EncryptionType.AWS_OWNED_KEY);
        assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(execution)).encryptionConfiguration().type())
                .isEqualTo(EncryptionType.AWS_OWNED_KEY);
    }

    @Test
    void create_sameNameOtherDefinition_isAlreadyExists() {
        sfn.createStateMachine(b -> b.name("twice").definition(PASS).roleArn(ROLE));
        assertThat(sfn.createStateMachine(b -> b.name("twice").definition(PASS).roleArn(ROLE)).stateMachineArn())
                .endsWith(":twice");
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("twice").definition(PASS_RESULT).roleArn(ROLE)))
                .isInstanceOf(StateMachineAlreadyExistsException.class);
    }

    @Test
    void create_invalidDefinition_listsEveryProblem() {
        String bad = "{\"StartAt\":\"Missing\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Next\":\"Nowhere\"}}}";
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("bad").definition(bad).roleArn(ROLE)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("Invalid State Machine Definition")
                .hasMessageContaining("MISSING_TRANSITION_TARGET")
                .hasMessageContaining("/States/P/Next");
    }

    @Test
    void create_malformedJsonAndBadNames_areRejectedAsAws() {
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("json").definition("{not json").roleArn(ROLE)))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("INVALID_JSON_DESCRIPTION");
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("has space").definition(PASS).roleArn(ROLE)))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("role").definition(PASS).roleArn("not-an-arn")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn("arn:aws:sqs:us-east-1:000000000000:q")))
                .isInstanceOf(InvalidArnException.class);
    }

    @Test
    void create_versionDescriptionWithoutPublish_isValidationException() {
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("vd").definition(PASS).roleArn(ROLE)
                .versionDescription("first")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Version description can only be set when publish is true");
    }

    @Test
    void create_oversizeDefinition_isValidationException() {
        String huge = "{\"Comment\":\"" + "x".repeat(1_048_600) + "\",\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("huge").definition(huge).roleArn(ROLE)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("1048576");
    }

    @Test
    void versionsAndAliases_publishRouteAndDescribe() {
        String arn = sfn.createStateMachine(b -> b.name("versioned").definition(PASS).roleArn(ROLE).publish(true)
                .versionDescription("v1")).stateMachineArn();
        sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS_RESULT));
        String v2 = sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).description("v2")).stateMachineVersionArn();
        assertThat(v2).isEqualTo(arn + ":2");
        assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(arn)).stateMachineVersions())
                .extracting(v -> v.stateMachineVersionArn()).containsExactly(arn + ":2", arn + ":1");
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":1")).definition()).isEqualTo(PASS);

        String alias = sfn.createStateMachineAlias(b -> b.name("live").routingConfiguration(
                r -> r.stateMachineVersionArn(v2).weight(100))).stateMachineAliasArn();
        assertThat(alias).isEqualTo(arn + ":live");
        assertThat(sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias)).routingConfiguration())
                .singleElement().satisfies(r -> assertThat(r.stateMachineVersionArn()).isEqualTo(v2));
        String execution = sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn();
        assertThat(sfn.describeExecution(b -> b.executionArn(execution)).stateMachineAliasArn()).isEqualTo(alias);
        assertThat(sfn.listStateMachineAliases(b -> b.stateMachineArn(arn)).stateMachineAliases()).hasSize(1);
        assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("split").routingConfiguration(
                r -> r.stateMachineVersionArn(v2).weight(60))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("100");
    }

    @Test
    void validate_reportsDiagnosticsWithoutCreating() {
        var ok = sfn.validateStateMachineDefinition(b -> b.definition(PASS));
        assertThat(ok.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        var fail = sfn.validateStateMachineDefinition(b -> b.definition("{}"));
        assertThat(fail.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(fail.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("These fields are required: [States, StartAt]"));
    }

    @Test
    void tags_addListRemove() {
        String arn = sfn.createStateMachine(b -> b.name("tagged").definition(PASS).roleArn(ROLE)
                .tags(Tag.builder().key("team").value("bff").build())).stateMachineArn();
        sfn.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("dev").build()));
        assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags())
                .extracting(Tag::key).containsExactlyInAnyOrder("team", "env");
        sfn.untagResource(b -> b.resourceArn(arn).tagKeys(List.of("team")));
        assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags()).extracting(Tag::key).containsExactly("env");
    }
}
