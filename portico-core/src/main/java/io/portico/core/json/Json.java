package io.portico.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The one configured Jackson {@link ObjectMapper} every Portico module shares, plus the few helpers
 * callers need most.
 *
 * <p>Configuration: java.time and Optional support, null fields left out of output (AWS omits absent members),
 * unknown input properties ignored (newer SDKs send members we do not model yet). Thread safe: the
 * mapper is configured once and never changed afterwards; do not reconfigure the returned instance.
 */
public final class Json {

    /**
     * Strings up to the largest body the AWS endpoint accepts (Lambda's CreateFunction carries a 50 MB
     * zip as one base64 string of about 67 million characters; Jackson's default allows 20 million).
     */
    private static final int MAX_STRING_LENGTH = 100_000_000;

    /**
     * Member names up to a mebibyte: DynamoDB attribute names and map keys may be 65,535 bytes, and
     * Jackson's default of 50,000 characters refused legal items with its own message. A request body's
     * size still bounds them.
     */
    private static final int MAX_NAME_LENGTH = 1 << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_LENGTH)
                            .maxNameLength(MAX_NAME_LENGTH).build())
                    .build())
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /**
     * Jackson's constraint messages end by naming the Java method that holds the limit
     * ({@code (1000, from `StreamReadConstraints.getMaxNestingDepth()`)}): not for callers' eyes.
     */
    private static final Pattern JAVA_SOURCE = Pattern.compile(", from `[^`]*`\\)");

    private Json() {
    }

    /** The shared mapper. Never null. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Serialises {@code value} (which may be a {@code JsonNode}) to UTF-8 JSON bytes. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /** Serialises {@code value} to a JSON string. */
    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /**
     * Parses JSON bytes into {@code type}.
     *
     * @throws UncheckedIOException wrapping Jackson's exception when the input is not valid JSON
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses text that must be exactly one JSON value, as AWS's JSON front ends read a request body: a
     * byte-order mark before the value, or anything but whitespace after it, makes the text malformed
     * (Jackson alone would skip the mark and stop reading at the value's end). The text is read as UTF-8,
     * as AWS reads it. Empty or blank text reads as a {@link MissingNode}.
     *
     * @throws MalformedJsonException with the parser's description of the first problem
     */
    public static JsonNode readOne(byte[] json) {
        if (ByteOrderMark.startsOf(json)) {
            throw new MalformedJsonException(ByteOrderMark.AS_PARSED);
        }
        try (JsonParser parser = MAPPER.createParser(readAsUtf8(json))) {
            JsonNode value = MAPPER.readTree(parser);
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new MalformedJsonException("Trailing token (of type " + after + ") found after value");
            }
            return value == null ? MissingNode.getInstance() : value;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(JAVA_SOURCE.matcher(e.getOriginalMessage()).replaceAll(")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Bytes Jackson's byte reader reads as UTF-8. It guesses UTF-16 or UTF-32 from a zero byte among the
     * first four (and failed with an I/O error where the guess did not fit: found by fuzzing); in UTF-8 a
     * zero byte there is already malformed JSON. Four spaces in front keep the reader on UTF-8, which then
     * words that problem itself; messages carry no location, so the shift does not show.
     */
    private static byte[] readAsUtf8(byte[] json) {
        for (int i = 0; i < Math.min(4, json.length); i++) {
            if (json[i] == 0) {
                byte[] padded = new byte[json.length + 4];
                Arrays.fill(padded, 0, 4, (byte) ' ');
                System.arraycopy(json, 0, padded, 4, json.length);
                return padded;
            }
        }
        return json;
    }
}
