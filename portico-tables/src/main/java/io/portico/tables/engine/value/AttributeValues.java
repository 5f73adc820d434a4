package io.portico.tables.engine.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.tables.engine.TablesException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Converts between {@link AttributeValue}s and the kit's document form (the JSON the api layer receives:
 * {@code {"S":"x"}}, {@code {"N":"1"}}, {@code {"B":<binary>}}, {@code {"SS":[...]}}, {@code {"M":{...}}},
 * {@code {"L":[...]}}, {@code {"NULL":true}}, {@code {"BOOL":false}}), checking on the way in what
 * DynamoDB checks, with its messages.
 *
 * <p>The checks run in DynamoDB's order: each member of the value object in turn (a number's syntax and
 * range, {@code NULL} being true, a set being non-empty and free of duplicates, then the members of a map
 * or list, depth first), and only then whether more than one type was given. The codec has already
 * checked JSON types against the model, so a string where a list belongs is not this class's concern;
 * it still refuses one rather than guess. Blobs come as Jackson binary nodes; base64 text is accepted too
 * (what a hand-built document carries). Stateless and thread-safe.
 */
public final class AttributeValues {
    private static final String NOT_ONE_TYPE =
            "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";

    /**
     * DynamoDB's documented limit of 32 nesting levels, the attribute itself being level 1: a value inside
     * 31 maps or lists is accepted, one inside 32 refused (as measured against DynamoDB in a public
     * conformance suite).
     */
    public static final int MAX_NESTING = 32;

    /** The message measured in eu-west-2; the suite that measured it notes the wording varies by region. */
    static final String TOO_DEEP = "Nesting Levels have exceeded supported limits: "
            + "Attributes in the item have nested levels beyond supported limit";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AttributeValues() {}

    /**
     * The item an api request carries ({@code {"name": {"S": "x"}, ...}}), in its order.
     *
     * @throws TablesException {@code INVALID_REQUEST} with DynamoDB's message for the first bad value
     */
    public static Map<String, AttributeValue> itemFromDocument(JsonNode item) {
        return itemFromDocument(item, Wording.CURRENT);
    }

    /** {@link #itemFromDocument(JsonNode)} in the words of the operation's checker. */
    public static Map<String, AttributeValue> itemFromDocument(JsonNode item, Wording wording) {
        return fields(item, 0, wording);
    }

    /** An item as a document, attributes in the item's order. */
    public static ObjectNode itemToDocument(Map<String, AttributeValue> item) {
        ObjectNode document = NODES.objectNode();
        item.forEach((name, value) -> document.set(name, toDocument(value)));
        return document;
    }

    /**
     * One attribute value from its document form.
     *
     * @throws TablesException {@code INVALID_REQUEST} with DynamoDB's message
     */
    public static AttributeValue fromDocument(JsonNode value) {
        return fromDocument(value, Wording.CURRENT);
    }

    /** {@link #fromDocument(JsonNode)} in the words of the operation's checker. */
    public static AttributeValue fromDocument(JsonNode value, Wording wording) {
        return read(value, 0, wording);
    }

    /** The document form of {@code value}; blobs become binary nodes. */
    public static ObjectNode toDocument(AttributeValue value) {
        ObjectNode document = NODES.objectNode();
        switch (value) {
            case AttributeValue.S s -> document.put("S", s.value());
            case AttributeValue.N n -> document.put("N", n.value().text());
            case AttributeValue.B b -> document.put("B", b.value().toArray());
            case AttributeValue.SS ss -> document.set("SS", array(ss.values(), NODES::textNode));
            case AttributeValue.NS ns -> document.set("NS", array(ns.values(), n -> NODES.textNode(n.text())));
            case AttributeValue.BS bs -> document.set("BS", array(bs.values(), b -> NODES.binaryNode(b.toArray())));
            case AttributeValue.M m -> document.set("M", itemToDocument(m.values()));
            case AttributeValue.L l -> document.set("L", array(l.values(), AttributeValues::toDocument));
            case AttributeValue.BOOL bool -> document.put("BOOL", bool.value());
            case AttributeValue.NULL ignored -> document.put("NULL", true);
        }
        return document;
    }

    private static AttributeValue read(JsonNode value, int depth, Wording wording) {
        if (!value.isObject()) {
            throw invalid(NOT_ONE_TYPE);
        }
        AttributeValue read = null;
        int types = 0;
        for (Map.Entry<String, JsonNode> member : value.properties()) {
            if (member.getValue().isNull()) {
                continue;    // an absent member, as the codec may leave it
            }
            AttributeValue one = readType(member.getKey(), member.getValue(), depth, wording);
            if (one != null) {
                types++;
                read = one;
            }
        }
        if (types == 0) {
            throw invalid(NOT_ONE_TYPE);
        }
        if (types > 1) {
            throw invalid("Supplied AttributeValue has more than one datatypes set, "
                    + "must contain exactly one of the supported datatypes");
        }
        return read;
    }

    /** One member of a value object; {@code null} for a member that names no DynamoDB type. */
    private static AttributeValue readType(String type, JsonNode node, int depth, Wording wording) {
        return switch (type) {
            case "S" -> new AttributeValue.S(text(node));
            case "N" -> new AttributeValue.N(DynamoNumber.parse(text(node), wording));
            case "B" -> new AttributeValue.B(bytes(node));
            case "BOOL" -> node.asBoolean() ? AttributeValue.BOOL.TRUE : AttributeValue.BOOL.FALSE;
            case "NULL" -> {
                if (!node.asBoolean()) {
                    throw invalid("One or more parameter values were invalid: "
                            + "Null attribute value types must have the value of true");
                }
                yield AttributeValue.NULL.INSTANCE;
            }
            case "SS" -> new AttributeValue.SS(stringSet(node, wording));
            case "NS" -> new AttributeValue.NS(numberSet(node, wording));
            case "BS" -> new AttributeValue.BS(binarySet(node, wording));
            case "M" -> map(node, depth + 1, wording);
            case "L" -> list(node, depth + 1, wording);
            default -> null;
        };
    }

    private static Set<String> stringSet(JsonNode node, Wording wording) {
        List<String> members = new ArrayList<>();
        elements(node).forEach(e -> members.add(text(e)));
        if (members.isEmpty()) {
            throw invalid("One or more parameter values were invalid: An string set  may not be empty");
        }
        Set<String> set = new LinkedHashSet<>(members);
        if (set.size() < members.size()) {
            String listed = wording == Wording.CURRENT
                    ? DuplicateMembers.quoted(members, Comparisons::compareUtf8, s -> s, ", ")
                    : members.toString();
            throw invalid("One or more parameter values were invalid: Input collection " + listed
                    + " contains duplicates.");
        }
        return set;
    }

    private static Set<DynamoNumber> numberSet(JsonNode node, Wording wording) {
        List<JsonNode> members = elements(node);
        if (members.isEmpty()) {
            throw invalid("One or more parameter values were invalid: An number set  may not be empty");
        }
        Set<DynamoNumber> set = new LinkedHashSet<>();
        for (JsonNode member : members) {
            set.add(DynamoNumber.parse(text(member), wording));
        }
        if (set.size() < members.size()) {
            throw invalid(wording == Wording.CURRENT
                    ? "One or more parameter values were invalid: Input collection contains duplicates."
                    : "Input collection contains duplicates");
        }
        return set;
    }

    private static Set<Bytes> binarySet(JsonNode node, Wording wording) {
        List<Bytes> members = new ArrayList<>();
        elements(node).forEach(e -> members.add(bytes(e)));
        if (members.isEmpty()) {
            throw invalid("One or more parameter values were invalid: Binary sets should not be empty");
        }
        Set<Bytes> set = new LinkedHashSet<>(members);
        if (set.size() < members.size()) {
            String listed = wording == Wording.CURRENT
                    ? DuplicateMembers.quoted(members, Bytes::compareTo, Bytes::base64, ",")
                    : members.toString();
            throw invalid("One or more parameter values were invalid: Input collection " + listed
                    + "of type BS contains duplicates.");
        }
        return set;
    }

    private static AttributeValue.M map(JsonNode node, int depth, Wording wording) {
        checkDepth(depth);
        if (!node.isObject()) {
            throw invalid(NOT_ONE_TYPE);
        }
        return new AttributeValue.M(fields(node, depth, wording));
    }

    /** The members of an object read as attribute values, in their order. */
    private static Map<String, AttributeValue> fields(JsonNode node, int depth, Wording wording) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            values.put(field.getKey(), read(field.getValue(), depth, wording));
        }
        return values;
    }

    private static AttributeValue.L list(JsonNode node, int depth, Wording wording) {
        checkDepth(depth);
        List<AttributeValue> values = new ArrayList<>();
        for (JsonNode element : elements(node)) {
            values.add(read(element, depth, wording));
        }
        return new AttributeValue.L(values);
    }

    /** {@code containers}: the maps and lists around a value, counting its own. */
    private static void checkDepth(int containers) {
        if (containers >= MAX_NESTING) {
            throw invalid(TOO_DEEP);
        }
    }

    private static List<JsonNode> elements(JsonNode node) {
        if (!node.isArray()) {
            throw invalid(NOT_ONE_TYPE);
        }
        List<JsonNode> elements = new ArrayList<>(node.size());
        node.forEach(elements::add);
        return elements;
    }

    private static String text(JsonNode node) {
        if (!node.isTextual()) {
            throw invalid(NOT_ONE_TYPE);
        }
        return node.textValue();
    }

    private static Bytes bytes(JsonNode node) {
        if (node.isBinary()) {
            return Bytes.of(((BinaryNode) node).binaryValue());
        }
        try {
            return Bytes.fromBase64(text(node));
        } catch (IllegalArgumentException notBase64) {
            // the codec refuses malformed base64 before us; text built by hand lands here
            throw invalid(NOT_ONE_TYPE);
        }
    }

    private static <T> ArrayNode array(Iterable<T> values, Function<T, JsonNode> node) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(v -> array.add(node.apply(v)));
        return array;
    }

    private static TablesException invalid(String message) {
        return TablesException.validation(message);
    }
}
