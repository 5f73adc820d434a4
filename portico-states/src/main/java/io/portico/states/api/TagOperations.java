package io.portico.states.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.arn.Arn;
import io.portico.states.engine.StepFunctions;
import io.portico.states.engine.StepFunctionsException;
import java.util.Map;

/** Tags on state machines and activities (at most 50 per resource, as on AWS). */
final class TagOperations {

    private final StepFunctions engine;

    private TagOperations(StepFunctions engine) {
        this.engine = engine;
    }

    static void register(Map<String, Operation> ops, StepFunctions engine) {
        TagOperations o = new TagOperations(engine);
        ops.put("TagResource", o::tag);
        ops.put("UntagResource", o::untag);
        ops.put("ListTagsForResource", o::list);
    }

    private ObjectNode tag(Call call) {
        String arn = existing(call.required("resourceArn"));
        engine.resources().tag(arn, call.tags("tags"));
        return Wire.object();
    }

    private ObjectNode untag(Call call) {
        engine.resources().untag(existing(call.required("resourceArn")), call.strings("tagKeys"));
        return Wire.object();
    }

    private ObjectNode list(Call call) {
        ObjectNode out = Wire.object();
        ArrayNode tags = out.putArray("tags");
        engine.resources().tags(existing(call.required("resourceArn")))
                .forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
        return out;
    }

    private String existing(String arn) {
        Arn parsed = Arn.parse(arn).filter(a -> a.service().equals("states"))
                .orElseThrow(() -> StepFunctionsException.malformedArn(arn));
        boolean found = parsed.resource().startsWith("activity:")
                ? engine.resources().findActivity(arn).isPresent()
                : parsed.resource().startsWith("stateMachine:") && tryDescribe(arn);
        if (!found) {
            throw StepFunctionsException.resourceNotFound(arn);
        }
        return arn;
    }

    private boolean tryDescribe(String arn) {
        try {
            engine.machines().describe(arn);
            return true;
        } catch (StepFunctionsException e) {
            return false;
        }
    }
}
