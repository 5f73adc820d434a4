package io.portico.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonProtocolTest {

    @Test
    void parseBody_emptyBody_isEmptyObject() {
        assertThat(JsonProtocol.parseBody(request(""))).isEmpty();
    }

    @Test
    void parseBody_malformed_isSerializationExceptionWithJacksonMessage() {
        assertThatThrownBy(() -> JsonProtocol.parseBody(request("{'a':1}")))
                .isInstanceOfSatisfying(AwsErrorException.class, e -> {
                    assertThat(e.error().code()).isEqualTo("SerializationException");
                    assertThat(e.error().status()).isEqualTo(400);
                    assertThat(e.error().message()).isEqualTo(
                            "Unexpected character (''' (code 39)): was expecting double-quote to start field name");
                });
    }

    @Test
    void error_rendersTypeMessageAndHeader() {
        AwsResponse response = JsonProtocol.error("1.1", AwsError.clientError("Boom", "it broke"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/x-amz-json-1.1");
        assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "Boom");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"__type\":\"Boom\",\"message\":\"it broke\"}");
    }

    private static AwsRequest request(String body) {
        return new AwsRequest("states", "Op", "POST", "/", Map.of(), Map.of(), body.getBytes(StandardCharsets.UTF_8),
                "us-east-1", "000000000000", "id", "localhost");
    }

}
