package io.portico.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Violations an engine reports itself read as the validator's do: AWS's sentence, AWS's count. */
class ViolationTest {

    @Test
    void of_printsTheValueQuoted() {
        assertThat(ValidationReport.of(Violation.of("maximumRetryAttempts", 3,
                "Member must have value less than or equal to 2")).message())
                .isEqualTo("1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 2");
    }

    @Test
    void missing_isValueNullAndMustNotBeNull() {
        assertThat(Violation.missing("mock.errorOutput.error").sentence()).isEqualTo(
                "Value null at 'mock.errorOutput.error' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void unprinted_leavesTheValueOut() {
        assertThat(Violation.unprinted("input", "Member must have length less than or equal to 262144").sentence())
                .isEqualTo("Value at 'input' failed to satisfy constraint: Member must have length less than or equal"
                        + " to 262144");
    }

    @Test
    void of_twoViolations_areCountedAndJoined() {
        assertThat(ValidationReport.of(Violation.of("a", "x", "c1"), Violation.missing("b")).message())
                .isEqualTo("2 validation errors detected: Value 'x' at 'a' failed to satisfy constraint: c1; "
                        + "Value null at 'b' failed to satisfy constraint: Member must not be null");
    }
}
