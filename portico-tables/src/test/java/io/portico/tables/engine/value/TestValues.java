package io.portico.tables.engine.value;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import java.util.Map;

/** Documents and items for tests, written in JSON with single quotes. */
public final class TestValues {
    private TestValues() {}

    public static JsonNode json(String singleQuoted) {
        try {
            return Json.mapper().readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    public static AttributeValue value(String singleQuoted) {
        return AttributeValues.fromDocument(json(singleQuoted));
    }

    public static Map<String, AttributeValue> item(String singleQuoted) {
        return AttributeValues.itemFromDocument(json(singleQuoted));
    }
}
