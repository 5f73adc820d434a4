package io.portico.tables.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.tables.engine.TablesException;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DynamoNumberTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1.50|1.5", "0100|100", "-0|0", "0.000|0", "1e2|100", "1E2|100", "1.5e-3|0.0015", "-12.300|-12.3",
            ".5|0.5", "5.|5", "-.25|-0.25", "1e+3|1000", "0e99999999999|0",
            "12345678901234567890123456789012345678|12345678901234567890123456789012345678",
            "1234567890123456789012345678901234567800000|1234567890123456789012345678901234567800000"})
    void parse_canonicalText(String input, String canonical) {
        assertThat(DynamoNumber.parse(input).text()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"9.9999999999999999999999999999999999999E+125", "-9.9999999999999999999999999999999999999E+125",
            "1E-130", "-1E-130", "1.0000000000000000000000000000000000000E-130"})
    void parse_rangeEdgesAreAccepted(String edge) {
        DynamoNumber number = DynamoNumber.parse(edge);
        assertThat(number.value()).isEqualByComparingTo(new BigDecimal(edge));
        assertThat(number.text()).isEqualTo(new BigDecimal(edge).stripTrailingZeros().toPlainString());
    }

    /** DynamoDB's current checker (PutItem and others), as captured in four regions (a public conformance suite). */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "1e99999999999|Number overflow. Attempting to store a number with magnitude larger than supported range",
            "-1e99999999999|Number overflow. Attempting to store a number with magnitude larger than supported range",
            "1e-99999999999|Number underflow. Attempting to store a number with magnitude smaller than supported range",
            "1e2147483648|Number overflow. Attempting to store a number with magnitude larger than supported range",
            "1e2147483647|Number overflow. Attempting to store a number with magnitude larger than supported range",
            "1e-2147483648|Number underflow. Attempting to store a number with magnitude smaller than supported range",
            "1e126|Number overflow. Attempting to store a number with magnitude larger than supported range",
            "1e-131|Number underflow. Attempting to store a number with magnitude smaller than supported range",
            "abc|The parameter cannot be converted to a numeric value: abc",
            "1.2.3|The parameter cannot be converted to a numeric value: 1.2.3",
            "''|'The parameter cannot be converted to a numeric value: '",
            "' 1'|The parameter cannot be converted to a numeric value:  1",
            "'1 '|'The parameter cannot be converted to a numeric value: 1 '",
            "0x10|The parameter cannot be converted to a numeric value: 0x10",
            "1e|The parameter cannot be converted to a numeric value: 1e",
            "NaN|The parameter cannot be converted to a numeric value: NaN",
            "Infinity|The parameter cannot be converted to a numeric value: Infinity",
            "1234567890123456789012345678901234567890|Attempting to store more than 38 significant digits in a Number",
            // from dynalite's suite
            "+1|The parameter cannot be converted to a numeric value: +1",
            "-1E126|Number overflow. Attempting to store a number with magnitude larger than supported range",
            "-0.1e-130|Number underflow. Attempting to store a number with magnitude smaller than supported range",
            "1.23456789012345678901234567890123456789|Attempting to store more than 38 significant digits in a Number"})
    void parse_refusedWithDynamoDbMessage(String input, String message) {
        assertThatThrownBy(() -> DynamoNumber.parse(input))
                .isInstanceOfSatisfying(TablesException.class,
                        e -> assertThat(e.kind()).isEqualTo(TablesException.Kind.INVALID_REQUEST))
                .hasMessage(message);
    }

    /** The older checker (BatchWriteItem, Scan, transactions), as captured: no colon when empty, an int exponent. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "abc|The parameter cannot be converted to a numeric value: abc",
            "''|The parameter cannot be converted to a numeric value",
            "1e126|Number overflow. Attempting to store a number with magnitude larger than supported range",
            "1e2147483647|Number underflow. Attempting to store a number with magnitude smaller than supported range"})
    void parse_olderCheckerWordsItsOwnWay(String input, String message) {
        assertThatThrownBy(() -> DynamoNumber.parse(input, Wording.OLDER)).hasMessage(message);
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"1,1.0,0", "2,10,-1", "-2,-10,1", "0,-0,0", "1e2,99.9,1"})
    void compareTo_isNumeric(String a, String b, int sign) {
        assertThat(Integer.signum(DynamoNumber.parse(a).compareTo(DynamoNumber.parse(b)))).isEqualTo(sign);
        assertThat(DynamoNumber.parse(a).equals(DynamoNumber.parse(b))).isEqualTo(sign == 0);
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({"1,2,3", "0.1,0.2,0.3", "-5,5,0", "1e2,1,101"})
    void plus_isExact(String a, String b, String sum) {
        assertThat(DynamoNumber.parse(a).plus(DynamoNumber.parse(b)).text()).isEqualTo(sum);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"9.9999999999999999999999999999999999999E+125", "-9.9999999999999999999999999999999999999E+125"})
    void plus_overflowIsRefused(String edge) {
        DynamoNumber n = DynamoNumber.parse(edge);
        assertThatThrownBy(() -> n.plus(n)).hasMessageStartingWith("Number overflow.");
    }
}
