package io.portico.states.asl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portico.states.asl.Definition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * A fuzz target for the ASL parser and validator: any text given to CreateStateMachine or
 * ValidateStateMachineDefinition, as STANDARD and as EXPRESS, yields a {@link Definition} or an
 * {@link InvalidDefinitionException}, and its diagnostics; nothing else is thrown. The two answers agree:
 * {@link DefinitionParser#parse} refuses exactly the definitions {@link DefinitionParser#check} finds an
 * error in. Seeds are the distinct definitions of the AWS-recorded ASL corpus
 * ({@code ../shared/conformance/asl/cases}); without {@code JAZZER_FUZZ} they and past findings are
 * replayed (docs/reliability.md, Fuzzing).
 */
class DefinitionFuzzTest {

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = "/io/portico/states/asl/asl.dict")
    @Timeout(10)
    void definition(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        for (MachineType type : MachineType.values()) {
            List<Diagnostic> diagnostics = DefinitionParser.check(text, type);
            boolean invalid = diagnostics.stream().anyMatch(Diagnostic::isError);
            try {
                Definition definition = DefinitionParser.parse(text, type);
                assertThat(invalid).as("parsed although check found %s", diagnostics).isFalse();
                assertThat(definition).isNotNull();
            } catch (InvalidDefinitionException e) {
                assertThat(invalid).as("refused with %s although check found no error", e.getMessage()).isTrue();
            }
            ValidationReport report = DefinitionParser.validate(text, type, Diagnostic.Severity.WARNING, 0);
            assertThat(report.result() == ValidationReport.Result.FAIL).isEqualTo(invalid);
        }
    }
}
