package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.functions.engine.FunctionsException.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Constraints the engine checks itself (beyond the model's) are refused with a kind and a report worded
 * as AWS's validation errors; the api layer picks the code from the kind.
 */
class EngineRefusalsTest {

    @Test
    void parse_functionNameOffThePattern_isAnInvalidMember() {
        assertThatThrownBy(() -> FunctionRef.parse("a/b", Optional.empty(), "000000000000", "us-east-1"))
                .isInstanceOfSatisfying(FunctionsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_MEMBER);
                    assertThat(e.report()).isPresent();
                    assertThat(e.getMessage()).startsWith("1 validation error detected: Value 'a/b' at 'functionName'"
                            + " failed to satisfy constraint: Member must satisfy regular expression pattern: "
                            + "(arn:(aws[a-zA-Z-]*)?:lambda:)?");
                });
    }

    /** Lambda words its own name limit as a validation error but answers InvalidParameterValueException. */
    @Test
    void validateName_pastLambdasLimit_isAnInvalidParameterWithAValidationReport() {
        String name = "f".repeat(65);

        assertThatThrownBy(() -> Functions.validateName(name)).isInstanceOfSatisfying(FunctionsException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.INVALID_PARAMETER);
            assertThat(e.report()).isPresent();
            assertThat(e).hasMessage("1 validation error detected: Value '" + name + "' at 'functionName' failed to"
                    + " satisfy constraint: Member must have length less than or equal to 64");
        });
    }

    @Test
    void validate_timeoutPastTheLimit_isAnInvalidMember() {
        FunctionSettings settings = new FunctionSettings("java21", "example.Handler", "arn:aws:iam::000000000000:role/r",
                "", 901, 128, Map.of(), Optional.empty(), List.of("x86_64"), 512, "PassThrough", false,
                Optional.empty(), List.of(), LoggingConfig.DEFAULT);

        assertThatThrownBy(settings::validate).isInstanceOfSatisfying(FunctionsException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.INVALID_MEMBER);
            assertThat(e).hasMessage("1 validation error detected: Value '901' at 'timeout' failed to satisfy"
                    + " constraint: Member must have value less than or equal to 900");
        });
    }
}
