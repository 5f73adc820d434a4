package io.portico.states.asl.parse;

import static io.portico.states.asl.parse.CheckAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.states.asl.ChoiceRule;
import io.portico.states.asl.ComparisonOperator;
import io.portico.states.asl.DataFlow;
import io.portico.states.asl.Definition;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.Retrier;
import io.portico.states.asl.State;
import io.portico.states.asl.Transition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The model a valid definition becomes: defaults, path encoding, language inheritance, legacy Map fields. */
class ModelBuildTest {

    private static Definition parse(String singleQuoted) {
        return DefinitionParser.parse(json(singleQuoted), MachineType.STANDARD);
    }

    @Test
    void parse_topLevelFields_areLifted() {
        Definition definition = parse("{'Comment':'c','Version':'1.0','TimeoutSeconds':30,'StartAt':'A',"
                + "'States':{'A':{'Type':'Succeed'}}}");
        assertThat(definition.comment()).contains("c");
        assertThat(definition.version()).contains("1.0");
        assertThat(definition.timeoutSeconds()).contains(30L);
        assertThat(definition.queryLanguage()).isEqualTo(QueryLanguage.JSONPATH);
        assertThat(definition.raw().get("StartAt").asText()).isEqualTo("A");
    }

    @Test
    void parse_pathFields_useThreeWayEncoding() {
        State state = parse("{'StartAt':'A','States':{'A':{'Type':'Pass','InputPath':null,'ResultPath':'$.r','End':true}}}")
                .graph().state("A");
        DataFlow flow = state.dataFlow();
        assertThat(flow.inputPath()).isEmpty();
        assertThat(flow.resultPath()).contains("$.r");
        assertThat(flow.outputPath()).isEqualTo(DataFlow.DEFAULT_PATH);
        assertThat(((State.Pass) state).transition()).isEqualTo(Transition.END);
    }

    @Test
    void parse_retrier_fillsAwsDefaults() {
        State.Task task = (State.Task) parse("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':"
                + "'arn:aws:states:::lambda:invoke','Retry':[{'ErrorEquals':['E']},{'ErrorEquals':['States.ALL'],"
                + "'MaxDelaySeconds':5,'JitterStrategy':'FULL','BackoffRate':1.5}],'Catch':[{'ErrorEquals':['States.ALL'],"
                + "'Next':'F','ResultPath':null}],'Next':'F'},'F':{'Type':'Succeed'}}}").graph().state("T");
        assertThat(task.retry()).containsExactly(
                new Retrier(List.of("E"), 1, 3, 2.0, Optional.empty(), Retrier.JitterStrategy.NONE),
                new Retrier(List.of("States.ALL"), 1, 3, 1.5, Optional.of(5), Retrier.JitterStrategy.FULL));
        assertThat(task.catchers()).singleElement().satisfies(c -> {
            assertThat(c.next()).isEqualTo("F");
            assertThat(c.resultPath()).isEmpty();
        });
        assertThat(task.transition()).isEqualTo(Transition.to("F"));
    }

    @Test
    void parse_queryLanguage_inheritsTopLevelIntoStatesAndProcessors() {
        Definition definition = parse("{'QueryLanguage':'JSONata','StartAt':'M','States':{'M':{'Type':'Map',"
                + "'Items':'{% [1] %}','ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Pass','End':true}}},'End':true}}}");
        State.Map map = (State.Map) definition.graph().state("M");
        assertThat(map.queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
        assertThat(map.itemProcessor().queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
        assertThat(map.itemProcessor().state("I").queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
        assertThat(map.itemsPath()).isEmpty();
        assertThat(map.items()).isPresent();
    }

    @Test
    void parse_stateOwnQueryLanguage_overridesJsonPathDefault() {
        State state = parse("{'StartAt':'A','States':{'A':{'Type':'Pass','QueryLanguage':'JSONata','Output':1,'End':true}}}")
                .graph().state("A");
        assertThat(state.queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
        assertThat(state.dataFlow().output()).isPresent();
    }

    @Test
    void parse_legacyMapFields_becomeItemSelectorAndItemProcessor() {
        State.Map map = (State.Map) parse("{'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':2,"
                + "'Parameters':{'v.$':'$$.Map.Item.Value'},'Iterator':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},"
                + "'End':true}}}").graph().state("M");
        assertThat(map.itemSelector()).hasValueSatisfying(s -> assertThat(s.has("v.$")).isTrue());
        assertThat(map.dataFlow().parameters()).isEmpty();
        assertThat(map.itemProcessor().startAt()).isEqualTo("I");
        assertThat(map.mode()).isEqualTo(State.Map.ProcessorMode.INLINE);
        assertThat(map.itemsPath()).isEqualTo(DataFlow.DEFAULT_PATH);
        assertThat(map.maxConcurrency()).hasValueSatisfying(n -> assertThat(n.asInt()).isEqualTo(2));
    }

    @Test
    void parse_choiceRules_becomeTrees() {
        State.Choice choice = (State.Choice) parse("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
                + "{'And':[{'Variable':'$.a','NumericGreaterThan':1},{'Not':{'Variable':'$.b','IsPresent':true}}],'Next':'E'},"
                + "{'Variable':'$.s','StringEqualsPath':'$.t','Next':'E'}],'Default':'E'},'E':{'Type':'Succeed'}}}")
                .graph().state("C");
        assertThat(choice.defaultNext()).contains("E");
        ChoiceRule first = choice.choices().get(0).rule();
        assertThat(first).isInstanceOf(ChoiceRule.And.class);
        ChoiceRule.And and = (ChoiceRule.And) first;
        assertThat(and.rules().get(0)).isInstanceOfSatisfying(ChoiceRule.Comparison.class, c -> {
            assertThat(c.variable()).isEqualTo("$.a");
            assertThat(c.operator()).isEqualTo(ComparisonOperator.NUMERIC_GREATER_THAN);
            assertThat(c.operand().asInt()).isEqualTo(1);
        });
        assertThat(and.rules().get(1)).isInstanceOf(ChoiceRule.Not.class);
        assertThat(choice.choices().get(1).rule()).isInstanceOfSatisfying(ChoiceRule.Comparison.class,
                c -> assertThat(c.operand().asText()).isEqualTo("$.t"));
        assertThat(choice.choices().get(1).branch().next()).isEqualTo("E");
    }

    @Test
    void parse_jsonataChoice_becomesCondition() {
        State.Choice choice = (State.Choice) parse("{'QueryLanguage':'JSONata','StartAt':'C','States':{'C':{'Type':'Choice',"
                + "'Choices':[{'Condition':'{% $states.input.a %}','Next':'E','Output':{'x':1}}]},'E':{'Type':'Succeed'}}}")
                .graph().state("C");
        assertThat(choice.choices().get(0).rule()).isInstanceOf(ChoiceRule.Condition.class);
        assertThat(choice.choices().get(0).branch().output()).isPresent();
        assertThat(choice.defaultNext()).isEmpty();
    }

    @Test
    void parse_parallelAndFailAndWait_keepTheirFields() {
        Definition definition = parse("{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[{'StartAt':'W','States':"
                + "{'W':{'Type':'Wait','SecondsPath':'$.s','End':true}}}],'Next':'F'},'F':{'Type':'Fail','Error':'E',"
                + "'CausePath':'$.c'}}}");
        State.Parallel parallel = (State.Parallel) definition.graph().state("P");
        assertThat(((State.Wait) parallel.branches().get(0).state("W")).secondsPath()).contains("$.s");
        State.Fail fail = (State.Fail) definition.graph().state("F");
        assertThat(fail.error()).contains("E");
        assertThat(fail.causePath()).contains("$.c");
        assertThat(fail.cause()).isEmpty();
    }
}
