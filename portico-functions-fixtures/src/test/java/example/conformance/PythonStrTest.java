package example.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonStrTest {

    @Test
    void str_topLevelStringIsBare_nestedStringsAreQuoted() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("a", 1);
        event.put("b", Arrays.asList("x", null, true, false, 2.5));
        assertThat(PythonStr.str("plain")).isEqualTo("plain");
        assertThat(PythonStr.str(event)).isEqualTo("{'a': 1, 'b': ['x', None, True, False, 2.5]}");
    }

    @Test
    void repr_stringQuoting_followsPython() {
        assertThat(PythonStr.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PythonStr.repr("say \"hi\" it's")).isEqualTo("'say \"hi\" it\\'s'");
        assertThat(PythonStr.repr("tab\tnew\nline\\")).isEqualTo("'tab\\tnew\\nline\\\\'");
        assertThat(PythonStr.repr("\u0001")).isEqualTo("'\\x01'");
        assertThat(PythonStr.repr("é")).isEqualTo("'é'");
    }

    @Test
    void floatRepr_matchesPythonShortestForm() {
        assertThat(PythonStr.floatRepr(0.0)).isEqualTo("0.0");
        assertThat(PythonStr.floatRepr(1.0)).isEqualTo("1.0");
        assertThat(PythonStr.floatRepr(-2.5)).isEqualTo("-2.5");
        assertThat(PythonStr.floatRepr(0.1)).isEqualTo("0.1");
        assertThat(PythonStr.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonStr.floatRepr(0.00001)).isEqualTo("1e-05");
        assertThat(PythonStr.floatRepr(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(PythonStr.floatRepr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PythonStr.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PythonStr.floatRepr(1.2345678901234568e17)).isEqualTo("1.2345678901234568e+17");
        assertThat(PythonStr.floatRepr(123.456)).isEqualTo("123.456");
    }
}
