package io.portico.states.asl.parse;

import static io.portico.states.asl.parse.CheckAssertions.formatted;
import static io.portico.states.asl.parse.CheckAssertions.oneState;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Choice rules, Parallel branches and Map processors. */
class CompositeCheckTest {
    /** A Choice state S (members as given, plus Default E) next to a terminal state E. */
    private static String choice(String body) {
        return CheckAssertions.json("{'StartAt':'S','States':{'S':{'Type':'Choice','Default':'E'," + body + "},"
                + "'E':{'Type':'Succeed'}}}");
    }

    private static final String INNER = "{'StartAt':'I','States':{'I':{'Type':'Succeed'}}}";

    @Test
    void choice_emptyChoices_cannotBeEmpty() {
        assertThat(formatted(choice("'Choices':[]")))
                .contains("SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/S/Choices");
    }

    @Test
    void choice_ruleNeedsNextAndOneKind() {
        assertThat(formatted(choice("'Choices':[{'Variable':'$.a','StringEquals':'x'}]")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/S/Choices[0]");
        assertThat(formatted(choice("'Choices':[{'Not':{'Variable':'$.a','IsNull':true},"
                + "'Variable':'$.b','IsNull':true,'Next':'S'}]")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: The object must have only one of the following fields,"
                        + " [And, Or, Not, Variable, Condition] at /States/S/Choices[0]");
    }

    @Test
    void choice_operatorCountAndOperandTypes() {
        assertThat(formatted(choice("'Choices':[{'Variable':'$.a','StringEquals':'x','IsNull':true,'Next':'S'},"
                + "{'Variable':'$.a','NumericEquals':'1','Next':'S'},{'Variable':'$.a','TimestampEquals':'yesterday','Next':'S'},"
                + "{'Variable':'$.a[*]','BooleanEqualsPath':'$.b','Next':'S'}]")))
                .containsExactly(
                        "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [StringEquals, IsNull] at /States/S/Choices[0]",
                        "SCHEMA_VALIDATION_FAILED: Expected value of type [NUMBER] at /States/S/Choices[1]/NumericEquals",
                        "SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/S/Choices[2]/TimestampEquals",
                        "SCHEMA_VALIDATION_FAILED: Value is not a Reference Path at /States/S/Choices[3]/Variable");
    }

    @Test
    void choice_nestedRulesTakeNoNextAndAndIsNonEmpty() {
        assertThat(formatted(choice("'Choices':[{'And':[{'Variable':'$.a','IsNull':true,'Next':'S'}],"
                + "'Next':'S'},{'Or':[],'Next':'S'}]")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/S/Choices[0]/And[0]",
                        "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/S/Choices[1]/Or");
    }

    @Test
    void choice_jsonataRulesUseCondition() {
        assertThat(formatted(choice("'QueryLanguage':'JSONata','Choices':[{'Condition':'{% true %}','Next':'S'},"
                + "{'Variable':'$.a','IsNull':true,'Next':'S'}]")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Field 'IsNull' is not supported at /States/S/Choices[1]".replace(
                        "Field 'IsNull' is not supported", "The QueryLanguage is set to 'JSONata', but field 'Variable' is"
                                + " only supported for the 'JSONPath' QueryLanguage"),
                        "SCHEMA_VALIDATION_FAILED: These fields are required: [Condition] at /States/S/Choices[1]");
    }

    @Test
    void parallel_branchesRequiredNonEmptyAndChecked() {
        assertThat(formatted(oneState("'Type':'Parallel','End':true,'Branches':[]")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/S/Branches");
        assertThat(formatted(oneState("'Type':'Parallel','End':true,'Branches':[{'StartAt':'B','States':{'B':{'Type':'Pass'}}}]")))
                .contains("SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/S/Branches[0]/States/B");
    }

    @Test
    void map_processorRequiredAndNoQueryLanguage() {
        assertThat(formatted(oneState("'Type':'Map','End':true")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields:"
                        + " [ItemProcessor, Iterator] at /States/S");
        assertThat(formatted(oneState("'Type':'Map','End':true,'ItemProcessor':{'QueryLanguage':'JSONata','StartAt':'I',"
                + "'States':{'I':{'Type':'Succeed'}}}")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported at /States/S/ItemProcessor");
    }

    @Test
    void map_limitsAndModes() {
        assertThat(formatted(oneState("'Type':'Map','End':true,'MaxConcurrency':-1,'ToleratedFailurePercentage':101,"
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'PARALLEL'},'StartAt':'I','States':{'I':{'Type':'Succeed'}}}")))
                .containsExactly(
                        "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [INLINE, DISTRIBUTED] at"
                                + " /States/S/ItemProcessor/ProcessorConfig/Mode",
                        "SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/S/MaxConcurrency",
                        "SCHEMA_VALIDATION_FAILED: Maximum value is 100.0 at /States/S/ToleratedFailurePercentage");
    }

    @Test
    void map_legacyIteratorAndParametersAreAccepted() {
        assertThat(formatted(oneState("'Type':'Map','End':true,'ItemsPath':'$.items','Parameters':{'v.$':'$$.Map.Item.Value'},"
                + "'Iterator':" + INNER))).isEmpty();
    }

    /** A distributed Map S with the given distributed-mode members. */
    private static String distributed(String members) {
        return oneState("'Type':'Map','End':true," + members + ",'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED'},"
                + "'StartAt':'I','States':{'I':{'Type':'Succeed'}}}");
    }

    @Test
    void itemReader_readerConfigValuesAreChecked() {
        assertThat(formatted(distributed("'ItemReader':{'Resource':'arn:aws:states:::s3:getObject',"
                + "'Parameters':{'Bucket':'b','Key':'k'},'ReaderConfig':{'InputType':'XML','CSVHeaderLocation':'LAST_ROW',"
                + "'CSVDelimiter':'COLON','CSVHeaders':['a',1],'MaxItems':-1}}")))
                .containsExactly(
                        "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [CSV, JSON, JSONL, MANIFEST, PARQUET]"
                                + " at /States/S/ItemReader/ReaderConfig/InputType",
                        "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [FIRST_ROW, GIVEN]"
                                + " at /States/S/ItemReader/ReaderConfig/CSVHeaderLocation",
                        "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [COMMA, PIPE, SEMICOLON, SPACE, TAB]"
                                + " at /States/S/ItemReader/ReaderConfig/CSVDelimiter",
                        "SCHEMA_VALIDATION_FAILED: Expected value of type [ARRAY] of [STRING]"
                                + " at /States/S/ItemReader/ReaderConfig/CSVHeaders",
                        "SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/S/ItemReader/ReaderConfig/MaxItems");
        assertThat(formatted(distributed("'ItemReader':{'Resource':'arn:aws:states:::s3:getObject',"
                + "'Parameters':{'Bucket':'b','Key':'k'},'ReaderConfig':{'InputType':'JSON','MaxItems':5,'MaxItemsPath':'$.n'}}")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: There should only be one of the following fields:"
                        + " [MaxItems, MaxItemsPath] at /States/S/ItemReader/ReaderConfig");
        assertThat(formatted(distributed("'ItemReader':{'Parameters':{}}")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: These fields are required: [Resource] at /States/S/ItemReader");
    }

    @Test
    void itemReader_validConfigurationsPass() {
        assertThat(formatted(distributed("'ItemReader':{'Resource':'arn:aws:states:::s3:getObject',"
                + "'Parameters':{'Bucket.$':'$.b','Key':'k'},'ReaderConfig':{'InputType':'CSV','CSVHeaderLocation':'GIVEN',"
                + "'CSVHeaders':['a','b'],'CSVDelimiter':'PIPE','MaxItemsPath':'$.max'}}"))).isEmpty();
        assertThat(formatted(distributed("'ItemReader':{'Resource':'arn:aws:states:::s3:listObjectsV2',"
                + "'Parameters':{'Bucket':'b','Prefix':'p/'}}"))).isEmpty();
    }

    @Test
    void resultWriter_needsResourceOrWriterConfig_withKnownValues() {
        assertThat(formatted(distributed("'ResultWriter':{}")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: This object should have at least one of the following fields:"
                        + " [Resource, WriterConfig] at /States/S/ResultWriter");
        assertThat(formatted(distributed("'ResultWriter':{'WriterConfig':{'Transformation':'SQUASH','OutputType':'XML'}}")))
                .containsExactly(
                        "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [NONE, COMPACT, FLATTEN]"
                                + " at /States/S/ResultWriter/WriterConfig/Transformation",
                        "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [JSON, JSONL]"
                                + " at /States/S/ResultWriter/WriterConfig/OutputType");
        assertThat(formatted(distributed("'ResultWriter':{'WriterConfig':{'Transformation':'FLATTEN','OutputType':'JSON'}}")))
                .isEmpty();
    }
}
