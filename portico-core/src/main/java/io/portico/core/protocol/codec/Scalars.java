package io.portico.core.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.portico.core.model.Shape;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.TypeErrors;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Scalars that arrive as text (URI labels, headers, query parameters, XML and form values) read into
 * document values of their shape, and back. A text that does not read as its type is the service's
 * type error, as a JSON value of the wrong type is. Stateless.
 */
final class Scalars {

    private Scalars() {
    }

    static JsonNode read(Shape shape, String text, String path, TypeErrors errors) {
        return switch (shape) {
            case Shape.StringShape s -> TextNode.valueOf(text);
            case Shape.BooleanShape b -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw wrong(path, "Boolean", errors);
                }
                yield BooleanNode.valueOf(Boolean.parseBoolean(text));
            }
            case Shape.NumberShape n -> {
                try {
                    BigDecimal value = new BigDecimal(text.trim());
                    yield switch (n.kind()) {
                        case INTEGER -> IntNode.valueOf(value.intValueExact());
                        case LONG -> LongNode.valueOf(value.longValueExact());
                        case DOUBLE, FLOAT -> {
                            if (!Double.isFinite(value.doubleValue())) {
                                throw new ArithmeticException("not finite");
                            }
                            yield DecimalNode.valueOf(value);
                        }
                    };
                } catch (NumberFormatException | ArithmeticException e) {
                    throw wrong(path, JsonDocuments.typeName(n), errors);
                }
            }
            case Shape.TimestampShape t -> Timestamps.parse(text).orElseThrow(() -> wrong(path, "Date", errors));
            case Shape.BlobShape b -> {
                try {
                    yield BinaryNode.valueOf(Base64.getDecoder().decode(text));
                } catch (IllegalArgumentException e) {
                    throw wrong(path, "ByteBuffer", errors);
                }
            }
            default -> throw wrong(path, shape.name(), errors);
        };
    }

    /** The wire text of a document scalar; timestamps in {@code timestampFormat}. */
    static String write(Shape shape, JsonNode value, String timestampFormat) {
        return switch (shape) {
            case Shape.TimestampShape t -> Timestamps.format(value, t.format().orElse(timestampFormat));
            case Shape.BlobShape b -> Base64.getEncoder().encodeToString(bytes(value));
            case Shape.NumberShape n when !n.isIntegral() -> value.decimalValue().stripTrailingZeros().toPlainString();
            default -> value.asText();
        };
    }

    static byte[] bytes(JsonNode blob) {
        if (blob.isTextual()) {
            return blob.textValue().getBytes(StandardCharsets.UTF_8);
        }
        try {
            byte[] bytes = blob.binaryValue();
            return bytes == null ? new byte[0] : bytes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AwsErrorException wrong(String path, String expected, TypeErrors errors) {
        return new AwsErrorException(errors.wrongType(path, "STRING_VALUE", expected));
    }
}
