package io.portico.core.testing.members;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.model.OperationModel;
import io.portico.core.model.ServiceModel;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.CallBus;
import io.portico.core.service.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Drives one operation so its handler gets the chance to read every member: once with the whole input,
 * then once per optional member with only the required members and that one. A handler stops reading at
 * the first member it refuses (a sample the engine finds wrong, two members it takes as exclusive), so
 * the single-member calls reach what the whole input hides; what any call read counts. Errors are
 * expected (the samples are valid for the model, not for the engine) and kept for the failure message.
 * Calls go through the call bus, so they are decoded, scoped and validated as on the wire. Not thread
 * safe; one driver per test.
 */
public final class OperationDriver {

    /** The answers of one operation's calls that were errors, as {@code <code>: <message>}. */
    public record Errors(String operation, List<String> messages) {
    }

    private final CallBus bus;
    private final ServiceModel model;
    private final Caller caller;

    public OperationDriver(CallBus bus, ServiceModel model, Caller caller) {
        this.bus = bus;
        this.model = model;
        this.caller = caller;
    }

    /** Calls {@code operation} with {@code input} and with each of its optional members alone. */
    public Errors drive(String operation, ObjectNode input) throws InterruptedException {
        OperationModel op = model.operation(operation).orElseThrow();
        Set<String> required = op.input().map(s -> s.required()).orElse(Set.of());
        List<String> errors = new ArrayList<>();
        call(operation, input, errors);
        for (String member : (Iterable<String>) input::fieldNames) {
            if (required.contains(member)) {
                continue;
            }
            ObjectNode single = input.deepCopy();
            single.retain(required);
            single.set(member, input.get(member).deepCopy());
            call(operation, single, errors);
        }
        return new Errors(operation, errors);
    }

    private void call(String operation, ObjectNode input, List<String> errors) throws InterruptedException {
        try {
            bus.call(caller, model.sdkId(), operation, input.deepCopy());
        } catch (AwsErrorException e) {
            errors.add(e.error().code() + ": " + e.error().message().orElse(""));
        }
    }
}
