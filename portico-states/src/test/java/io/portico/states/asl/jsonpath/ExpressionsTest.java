package io.portico.states.asl.jsonpath;

import static io.portico.states.asl.jsonpath.TestJson.ctx;
import static io.portico.states.asl.jsonpath.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.states.asl.StatesError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionsTest {

    @Test
    void evaluate_readsInputContextAndVariables() {
        var ctx = ctx("{'a':{'b':2}}", Map.of("v", json("{'list':[10,20]}")));
        assertThat(Expressions.evaluate("$.a.b", ctx, "f")).isEqualTo(json("2"));
        assertThat(Expressions.evaluate("$$.State.Name", ctx, "f")).isEqualTo(json("'State'"));
        assertThat(Expressions.evaluate("$v.list[1]", ctx, "f")).isEqualTo(json("20"));
        assertThat(Expressions.evaluate("$v", ctx, "f")).isEqualTo(json("{'list':[10,20]}"));
        assertThat(Expressions.evaluate("States.MathAdd($.a.b, 1)", ctx, "f")).isEqualTo(json("3"));
    }

    @Test
    void evaluate_missingPathRaisesFieldMessage() {
        assertThatThrownBy(() -> Expressions.evaluate("$.ErrorX", ctx("{'Error':'error-value'}"), "ErrorPath"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.detail()).isEqualTo("The JSONPath '$.ErrorX' specified for the field 'ErrorPath' "
                            + "could not be found in the input '{\"Error\":\"error-value\"}'");
                });
    }

    @Test
    void evaluate_undefinedVariableRaisesFieldMessage() {
        assertThatThrownBy(() -> Expressions.evaluate("$nope", ctx("{}"), "x.$"))
                .isInstanceOf(StatesError.class).hasMessageContaining("The JSONPath '$nope' specified for the field 'x.$'");
    }

    @Test
    void find_absentIsEmpty() {
        assertThat(Expressions.find("$.missing", ctx("{}"))).isEmpty();
        assertThat(Expressions.find("$$.Execution.Input", ctx("{'a':1}"))).contains(json("{'a':1}"));
    }

    @Test
    void select_contextObjectAndVariableRoots() {
        var ctx = ctx("{'in':1}", Map.of("errorVar", json("{'Error':'E'}")));
        assertThat(Expressions.select("$$.Execution.Input", ctx)).isEqualTo(json("{'in':1}"));
        assertThat(Expressions.select("$errorVar", ctx)).isEqualTo(json("{'Error':'E'}"));
        assertThat(Expressions.select("$", ctx)).isSameAs(ctx.input());
        assertThat(Expressions.select("States.Array($.in)", ctx)).isEqualTo(json("[1]"));
    }

    @Test
    void select_missingContextPathReportsPathAsWritten() {
        assertThatThrownBy(() -> Expressions.select("$$.No.Such", ctx("{}")))
                .isInstanceOf(StatesError.class)
                .hasMessageContaining("Invalid path '$$.No.Such' : Missing property in path $['No']");
    }

    @Test
    void problem_reportsBadPathsAndCalls() {
        assertThat(Expressions.problem("$.a.b")).isEmpty();
        assertThat(Expressions.problem("$$.Execution.Id")).isEmpty();
        assertThat(Expressions.problem("States.Format('{}', $.a)")).isEmpty();
        assertThat(Expressions.problem("$.a.")).get().asString().isEqualTo("Invalid path '$.a.' : Path must not end with a '.' or '..'");
        assertThat(Expressions.problem("States.Nope()")).get().asString().contains("Unknown intrinsic function");
    }
}
