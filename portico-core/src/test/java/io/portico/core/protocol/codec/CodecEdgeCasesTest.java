package io.portico.core.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.core.model.Shape;
import io.portico.core.model.UriTemplate;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.TypeErrors;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Hostile and edge-case values at the codecs: numbers outside their type, infinities, bad base64,
 * timestamps out of range, XML whitespace, nesting and control characters, trailing JSON, greedy labels.
 * Each is refused with the service's type error or read exactly, never truncated or turned into a 500.
 */
class CodecEdgeCasesTest {
    private static final TypeErrors ERRORS = TypeErrors.SERIALIZATION_EXCEPTION;
    private static final Shape.NumberShape INT = number(Shape.NumberKind.INTEGER);
    private static final Shape.NumberShape LONG = number(Shape.NumberKind.LONG);
    private static final Shape.NumberShape DOUBLE = number(Shape.NumberKind.DOUBLE);
    private static final Shape.TimestampShape TIME = new Shape.TimestampShape("Date", Optional.empty(), false);
    private static final Shape.BlobShape BLOB = new Shape.BlobShape("Blob", OptionalLong.empty(), OptionalLong.empty(),
            false, false);

    @Test
    void jsonIntegers_outsideTheirJavaType_areTypeErrorsNotTruncated() {
        assertThat(decode(INT, "2147483647").intValue()).isEqualTo(Integer.MAX_VALUE);
        assertWrongType(() -> decode(INT, "2147483648"), "NUMBER_VALUE cannot be converted to Integer");
        assertWrongType(() -> decode(INT, "4294967297"), "NUMBER_VALUE cannot be converted to Integer");
        assertWrongType(() -> decode(LONG, "9223372036854775808"), "NUMBER_VALUE cannot be converted to Long");
        assertWrongType(() -> decode(INT, "1.5"), "NUMBER_VALUE cannot be converted to Integer");
    }

    @Test
    void jsonDoubles_thatOverflowToInfinity_areTypeErrors() {
        assertThat(decode(DOUBLE, "0.25").doubleValue()).isEqualTo(0.25);
        assertWrongType(() -> decode(DOUBLE, "1e400"), "NUMBER_VALUE cannot be converted to Double");
    }

    @Test
    void jsonTimestamps_outsideTheYears1To9999_areTypeErrors() {
        assertThat(decode(TIME, "1700000000.5").decimalValue()).isEqualByComparingTo(new BigDecimal("1700000000.5"));
        assertThat(decode(TIME, "\"2024-01-02T03:04:05Z\"").longValue()).isEqualTo(1704164645L);
        assertWrongType(() -> decode(TIME, "1e20"), "NUMBER_VALUE cannot be converted to Date");
        assertWrongType(() -> decode(TIME, "\"99999999999999999999\""), "STRING_VALUE cannot be converted to Date");
    }

    @Test
    void base64_isDecodedStrictly() throws IOException {
        assertThat(decode(BLOB, "\"aGk=\"").binaryValue()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> decode(BLOB, "\"!!!!\"")).isInstanceOf(AwsErrorException.class);
        assertThatThrownBy(() -> Scalars.read(BLOB, "a$b=", "b", ERRORS)).isInstanceOf(AwsErrorException.class);
    }

    @Test
    void textNumbers_outsideTheirType_areTypeErrors() {
        assertThat(Scalars.read(INT, "42", "n", ERRORS).isInt()).isTrue();
        assertWrongType(() -> Scalars.read(INT, "2147483648", "n", ERRORS), "STRING_VALUE cannot be converted to Integer");
        assertWrongType(() -> Scalars.read(DOUBLE, "1e400", "n", ERRORS), "STRING_VALUE cannot be converted to Double");
    }

    @Test
    void jsonBody_withAnythingAfterTheValue_isRefused() {
        assertThatThrownBy(() -> AwsJsonCodec.parseObject("{} junk".getBytes(StandardCharsets.UTF_8), ERRORS))
                .isInstanceOfSatisfying(AwsErrorException.class,
                        e -> assertThat(e.error().code()).isEqualTo("SerializationException"));
        assertThat(AwsJsonCodec.parseObject("  {\"a\":1}\n".getBytes(StandardCharsets.UTF_8), ERRORS).path("a").asInt())
                .isEqualTo(1);
    }

    @Test
    void jsonBody_withZeroBytesJacksonTookForUtf32_isSerializationException_notInternalFailure() {
        // Found by fuzzing: the parser's I/O error reached the front as an InternalFailure (500).
        assertThatThrownBy(() -> AwsJsonCodec.parseObject(new byte[] {(byte) 0xF6, 0, 0, 0, 0}, ERRORS))
                .isInstanceOfSatisfying(AwsErrorException.class,
                        e -> assertThat(e.error().code()).isEqualTo("SerializationException"));
    }

    @Test
    void jsonBody_withAStringLongerThanJacksonsDefault_isRead() {
        // Lambda's CreateFunction carries a 50 MB zip as one base64 string of about 67 M characters.
        String zip = "A".repeat(25_000_000);
        byte[] body = ("{\"ZipFile\":\"" + zip + "\"}").getBytes(StandardCharsets.US_ASCII);

        assertThat(AwsJsonCodec.parseObject(body, ERRORS).path("ZipFile").textValue()).hasSize(25_000_000);
    }

    @Test
    void xml_stringsKeepTheirSpaces_otherScalarsMayBeIndented() {
        Shape.StringShape string = new Shape.StringShape("S", OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), List.of(), false);
        var element = XmlInput.parse("<a><s>  padded  </s><n>\n  7\n</n></a>".getBytes(StandardCharsets.UTF_8), ERRORS);
        var children = element.getChildNodes();

        assertThat(Scalars.read(string, children.item(0).getTextContent(), "s", ERRORS).asText()).isEqualTo("  padded  ");
        assertThat(Scalars.read(INT, children.item(1).getTextContent().trim(), "n", ERRORS).asInt()).isEqualTo(7);
    }

    @Test
    void xml_nestedDeeperThanAnyRequest_isRefusedAsUnreadable() {
        String deep = "<a>".repeat(200) + "</a>".repeat(200);
        assertThatThrownBy(() -> XmlInput.parse(deep.getBytes(StandardCharsets.UTF_8), ERRORS))
                .isInstanceOfSatisfying(AwsErrorException.class,
                        e -> assertThat(e.error().code()).isEqualTo("SerializationException"));
    }

    @Test
    void xml_withADocumentType_isRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";
        assertThatThrownBy(() -> XmlInput.parse(xxe.getBytes(StandardCharsets.UTF_8), ERRORS))
                .isInstanceOf(AwsErrorException.class);
    }

    @Test
    void xmlOutput_replacesCharactersXmlCannotCarry() {
        assertThat(XmlOutput.legal("ok\u0001bad\uFFFEend\uD83D\uDE00")).isEqualTo("ok\uFFFDbad\uFFFDend\uD83D\uDE00");
        assertThat(XmlOutput.legal("plain")).isSameAs("plain");
    }

    @Test
    void uriTemplate_greedyLabelKeepsATrailingSlash_otherLabelsIgnoreIt() {
        assertThat(UriTemplate.parse("/{Bucket}/{Key+}").match("/b/folder/", Map.of()))
                .contains(Map.of("Bucket", "b", "Key", "folder/"));
        assertThat(UriTemplate.parse("/functions/{Name}").match("/functions/f/", Map.of())).contains(Map.of("Name", "f"));
        assertThat(UriTemplate.parse("/functions/{Name}").match("/functions/a%2Fb", Map.of()))
                .contains(Map.of("Name", "a/b"));
        assertThat(UriTemplate.parse("/functions/{Name}").match("/functions//", Map.of())).isEmpty();
    }

    private static JsonNode decode(Shape shape, String json) {
        try {
            return JsonDocuments.decode(shape, Json.mapper().readTree(json), "m", ERRORS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertWrongType(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsErrorException.class, e -> {
            assertThat(e.error().code()).isEqualTo("SerializationException");
            assertThat(e.error().message()).contains(message);
        });
    }

    private static Shape.NumberShape number(Shape.NumberKind kind) {
        return new Shape.NumberShape(kind.name(), kind, Optional.empty(), Optional.empty(), false);
    }
}
