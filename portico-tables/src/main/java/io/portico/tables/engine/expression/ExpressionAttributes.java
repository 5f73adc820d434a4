package io.portico.tables.engine.expression;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.AttributeValues;
import io.portico.tables.engine.value.Wording;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's ExpressionAttributeNames ({@code #n} → name) and ExpressionAttributeValues ({@code :v} →
 * value), shared by every expression of the request, and which of them those expressions used: DynamoDB
 * refuses a request that defines a placeholder none of its expressions uses ({@link #requireAllUsed}).
 *
 * <p>{@link Builder#build} checks what DynamoDB checks before parsing anything: that a map given is not
 * empty, that every key is a placeholder ({@code #} or {@code :} followed by letters, digits or
 * underscores), and that every value is a valid attribute value. Not thread-safe: one instance serves the
 * expressions of one request, parsed one after another.
 */
public final class ExpressionAttributes {
    private static final Pattern NAME_KEY = Pattern.compile("#[0-9a-zA-Z_]+");
    private static final Pattern VALUE_KEY = Pattern.compile(":[0-9a-zA-Z_]+");

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();

    private ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names;
        this.values = values;
    }

    /** A request without ExpressionAttributeNames or ExpressionAttributeValues. */
    public static ExpressionAttributes none() {
        return new ExpressionAttributes(Map.of(), Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name {@code placeholder} stands for, marking it used. */
    Optional<String> name(String placeholder) {
        String name = names.get(placeholder);
        if (name != null) {
            usedNames.add(placeholder);
        }
        return Optional.ofNullable(name);
    }

    /** The value {@code placeholder} stands for, marking it used. */
    Optional<AttributeValue> value(String placeholder) {
        AttributeValue value = values.get(placeholder);
        if (value != null) {
            usedValues.add(placeholder);
        }
        return Optional.ofNullable(value);
    }

    /**
     * Refuses placeholders that no expression parsed so far used: names first, then values, each listing
     * every unused key in the order the request gave them.
     *
     * @throws TablesException {@code INVALID_REQUEST}
     */
    public void requireAllUsed() {
        List<String> unusedNames = unused(names.keySet(), usedNames);
        if (!unusedNames.isEmpty()) {
            throw TablesException.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        List<String> unusedValues = unused(values.keySet(), usedValues);
        if (!unusedValues.isEmpty()) {
            throw TablesException.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }

    private static List<String> unused(Set<String> defined, Set<String> used) {
        List<String> unused = new ArrayList<>();
        for (String key : defined) {
            if (!used.contains(key)) {
                unused.add(key);
            }
        }
        return unused;
    }

    /** Collects the two maps; absent until set. */
    public static final class Builder {
        private Map<String, String> names;
        private Map<String, JsonNode> valueDocuments;
        private Map<String, AttributeValue> values;
        private Wording wording = Wording.CURRENT;

        private Builder() {}

        /**
         * Whose words report a bad value: DynamoDB's current checker reports it bare, the older one (Scan,
         * BatchWriteItem, transactions) as {@code ExpressionAttributeValues contains invalid value: ... for
         * key :v}. {@link Wording#CURRENT} unless set.
         */
        public Builder wording(Wording wording) {
            this.wording = wording;
            return this;
        }

        /** The request's ExpressionAttributeNames, in the request's order. */
        public Builder names(Map<String, String> names) {
            this.names = new LinkedHashMap<>(names);
            return this;
        }

        /** The request's ExpressionAttributeValues as the api received them (checked in {@link #build}). */
        public Builder valueDocuments(JsonNode valuesObject) {
            Map<String, JsonNode> documents = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : valuesObject.properties()) {
                documents.put(field.getKey(), field.getValue());
            }
            this.valueDocuments = documents;
            this.values = null;
            return this;
        }

        /** ExpressionAttributeValues already read (legacy conversions, tests). */
        public Builder values(Map<String, AttributeValue> values) {
            this.values = new LinkedHashMap<>(values);
            this.valueDocuments = null;
            return this;
        }

        /**
         * @throws TablesException {@code INVALID_REQUEST} with DynamoDB's message for an empty map, a malformed
         *     key or an invalid value
         */
        public ExpressionAttributes build() {
            if (names != null) {
                if (names.isEmpty()) {
                    throw TablesException.validation("ExpressionAttributeNames must not be empty");
                }
                checkKeys(names.keySet(), NAME_KEY, "ExpressionAttributeNames");
            }
            Map<String, AttributeValue> read = values;
            if (valueDocuments != null) {
                checkValueKeys(valueDocuments.keySet());
                read = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> entry : valueDocuments.entrySet()) {
                    read.put(entry.getKey(), readValue(entry.getKey(), entry.getValue(), wording));
                }
            } else if (values != null) {
                checkValueKeys(values.keySet());
            }
            return new ExpressionAttributes(names == null ? Map.of() : names, read == null ? Map.of() : read);
        }

        private static void checkValueKeys(Set<String> keys) {
            if (keys.isEmpty()) {
                throw TablesException.validation("ExpressionAttributeValues must not be empty");
            }
            checkKeys(keys, VALUE_KEY, "ExpressionAttributeValues");
        }

        private static void checkKeys(Set<String> keys, Pattern syntax, String member) {
            for (String key : keys) {
                if (!syntax.matcher(key).matches()) {
                    throw TablesException.validation(member + " contains invalid key: Syntax error; key: \"" + key + "\"");
                }
            }
        }

        private static AttributeValue readValue(String key, JsonNode document, Wording wording) {
            if (wording == Wording.CURRENT) {
                return AttributeValues.fromDocument(document, wording);
            }
            try {
                return AttributeValues.fromDocument(document, wording);
            } catch (TablesException invalid) {
                throw TablesException.validation("ExpressionAttributeValues contains invalid value: "
                        + invalid.getMessage() + " for key " + key);
            }
        }
    }
}
