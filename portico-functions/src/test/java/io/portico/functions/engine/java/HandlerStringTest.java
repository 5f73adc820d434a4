package io.portico.functions.engine.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandlerStringTest {

    @Test
    void parse_classOnly_andClassWithMethod_splitAtTheLastDoubleColon() throws HandlerFault {
        assertThat(HandlerString.parse("example.Handler")).isEqualTo(new HandlerString("example.Handler", Optional.empty()));
        assertThat(HandlerString.parse("example.Handler::handle")).isEqualTo(new HandlerString("example.Handler", Optional.of("handle")));
        assertThat(HandlerString.parse("a::b::c")).isEqualTo(new HandlerString("a::b", Optional.of("c")));
    }

    @Test
    void parse_emptyClassOrMethod_isAnInvalidHandler() {
        assertThatThrownBy(() -> HandlerString.parse("")).hasMessage("Invalid handler: `'");
        assertThatThrownBy(() -> HandlerString.parse("::m")).hasMessage("Invalid handler: `::m'");
        assertThatThrownBy(() -> HandlerString.parse("C::")).hasMessage("Invalid handler: `C::'");
    }
}
