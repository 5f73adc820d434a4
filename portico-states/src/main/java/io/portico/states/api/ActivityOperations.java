package io.portico.states.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.engine.Activities;
import io.portico.states.engine.ActivityInfo;
import io.portico.states.engine.StepFunctions;
import java.util.Map;
import java.util.Optional;

/** Activities and GetActivityTask, the workers' long poll. */
final class ActivityOperations {
    private final StepFunctions engine;

    private ActivityOperations(StepFunctions engine) {
        this.engine = engine;
    }

    static void register(Map<String, Operation> ops, StepFunctions engine) {
        ActivityOperations o = new ActivityOperations(engine);
        ops.put("CreateActivity", o::create);
        ops.put("DescribeActivity", o::describe);
        ops.put("ListActivities", o::list);
        ops.put("DeleteActivity", o::delete);
        ops.put("GetActivityTask", o::getTask);
    }

    private ObjectNode create(Call call) {
        // Tags are written with the activity, in one transaction; a repeated create does not re-tag it.
        ActivityInfo a = engine.activities().create(call.account(), call.region(), call.required("name"),
                call.tags("tags"));
        ObjectNode out = Wire.object();
        out.put("activityArn", a.arn());
        Wire.time(out, "creationDate", a.creationDate());
        return out;
    }

    private ObjectNode describe(Call call) {
        ActivityInfo a = engine.activities().describe(call.required("activityArn"));
        ObjectNode out = Wire.object();
        out.put("activityArn", a.arn());
        out.put("name", a.name());
        Wire.time(out, "creationDate", a.creationDate());
        Wire.defaultEncryption(out);
        return out;
    }

    private ObjectNode list(Call call) {
        ObjectNode out = Wire.object();
        Pages.page(engine.pageTokens(), call, engine.activities().list(call.account(), call.region()), out, "activities", a -> {
            ObjectNode item = Wire.object();
            item.put("activityArn", a.arn());
            item.put("name", a.name());
            Wire.time(item, "creationDate", a.creationDate());
            return item;
        });
        return out;
    }

    private ObjectNode delete(Call call) {
        engine.activities().delete(call.required("activityArn"));
        return Wire.object();
    }

    private ObjectNode getTask(Call call) {
        Optional<Activities.ActivityTask> task;
        try {
            task = engine.activities().poll(call.required("activityArn"), call.optional("workerName"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task = Optional.empty();
        }
        ObjectNode out = Wire.object();
        task.ifPresent(t -> out.put("taskToken", t.taskToken()).put("input", t.input()));
        return out;
    }
}
