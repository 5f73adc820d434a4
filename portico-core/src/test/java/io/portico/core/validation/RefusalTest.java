package io.portico.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RefusalTest {
    private enum Kind { NOT_FOUND, INVALID_MEMBER }

    private static final class TestRefusal extends Refusal {
        TestRefusal(Kind kind, String message) {
            super(kind, message);
        }

        TestRefusal(Kind kind, ValidationReport report) {
            super(kind, report);
        }
    }

    @Test
    void aRefusalFromAReport_isWordedAsTheReport() {
        ValidationReport report = ValidationReport.of(Violation.missing("functionName"));
        TestRefusal refusal = new TestRefusal(Kind.INVALID_MEMBER, report);

        assertThat(refusal.kind()).isEqualTo(Kind.INVALID_MEMBER);
        assertThat(refusal).hasMessage(report.message());
        assertThat(refusal.report()).contains(report);
        assertThat(refusal.getStackTrace()).isEmpty();
    }

    @Test
    void aRefusalWithAMessage_hasNoReport() {
        assertThat(new TestRefusal(Kind.NOT_FOUND, "Function not found").report()).isEmpty();
    }

    @Test
    void aReportWithoutViolations_isRefused() {
        assertThatThrownBy(() -> new TestRefusal(Kind.INVALID_MEMBER, ValidationReport.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
