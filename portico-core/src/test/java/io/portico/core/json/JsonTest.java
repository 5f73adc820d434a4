package io.portico.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Json#readOne}, the kit's one body parser: exactly one value, in UTF-8, refused in the parser's words. */
class JsonTest {

    @Test
    void readOne_zeroByteAmongTheFirstFour_isMalformedUtf8_notAnIoFailure() {
        // Found by fuzzing: Jackson took these for UTF-32 and UTF-16 and failed with an I/O error (a 500).
        assertThatThrownBy(() -> Json.readOne(new byte[] {(byte) 0xF6, 0, 0, 0, 0}))
                .isInstanceOf(MalformedJsonException.class).hasMessageStartingWith("Unrecognized token '\u00f6");
        assertThatThrownBy(() -> Json.readOne(new byte[] {0, 0x7B, 0, 0}))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("CTRL-CHAR, code 0");
    }

    @Test
    void readOne_utf16Text_isNotDecodedAsUtf16() {
        byte[] utf16 = "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> Json.readOne(utf16)).isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("CTRL-CHAR, code 0");
    }

    @Test
    void readOne_utf8Text_isReadAsBefore() {
        assertThat(Json.readOne("{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8)).path("a").asText())
                .isEqualTo("\u00e9");
        assertThat(Json.readOne(" 1".getBytes(StandardCharsets.UTF_8)).asInt()).isEqualTo(1);
        assertThat(Json.readOne(new byte[0]).isMissingNode()).isTrue();
    }
}
