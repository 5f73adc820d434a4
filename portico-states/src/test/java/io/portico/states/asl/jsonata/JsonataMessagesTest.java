package io.portico.states.asl.jsonata;

import static org.assertj.core.api.Assertions.assertThat;

import com.dashjoin.jsonata.JException;
import io.portico.states.asl.StatesError;
import org.junit.jupiter.api.Test;

class JsonataMessagesTest {

    @Test
    void aJdkExceptionOutOfTheLibrary_isWordedWithoutJavaNames() {
        StatesError error = JsonataMessages.evaluationFailed("$x", "Output", new ClassCastException(
                "class java.lang.String cannot be cast to class java.util.List (java.lang.String and"
                        + " java.util.List are in module java.base of loader 'bootstrap')"));

        assertThat(error.error()).isEqualTo(StatesError.QUERY_EVALUATION_ERROR);
        assertThat(error.detail())
                .startsWith("The JSONata expression '$x' specified for the field 'Output' threw an error during"
                        + " evaluation: The expression could not be evaluated on these values (Portico incident ")
                .doesNotContain("java.", "ClassCast");
        assertThat(JsonataMessages.describe(new NullPointerException("Cannot invoke \"Object.toString()\"")))
                .doesNotContain("Object.toString", "Cannot invoke");
    }

    @Test
    void aCodedJsonataError_keepsItsCodeAndText() {
        assertThat(JsonataMessages.describe(new JException("T2002", -1, "a", null)))
                .startsWith("T2002: The ");
    }
}
