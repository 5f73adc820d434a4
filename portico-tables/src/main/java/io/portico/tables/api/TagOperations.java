package io.portico.tables.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.tables.engine.Tables;

/**
 * TagResource, UntagResource and ListTagsOfResource on tables, through the kit's tag table. A table has
 * at most 50 tags, so ListTagsOfResource answers them in one page, without a NextToken.
 */
final class TagOperations {
    private final Tables tables;

    TagOperations(Tables tables) {
        this.tables = tables;
    }

    ObjectNode tag(Input in) {
        tables.tag(in.call().required("ResourceArn"), TableRequests.tags(in.node("Tags")));
        return Json.object();
    }

    ObjectNode untag(Input in) {
        tables.untag(in.call().required("ResourceArn"), Input.list(in.node("TagKeys"), JsonNode::asText));
        return Json.object();
    }

    ObjectNode list(Input in) {
        ObjectNode out = Json.object();
        ArrayNode tags = out.putArray("Tags");
        tables.tags(in.call().required("ResourceArn")).forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        return out;
    }
}
