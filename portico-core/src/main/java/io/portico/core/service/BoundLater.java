package io.portico.core.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.model.ServiceModel;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The call bus as services see it while they are being wired: each service is built with this handle,
 * and the server binds it to the registry of all services once every one exists (a service may call a
 * service wired after it). A call before binding is a wiring bug. Thread safe.
 */
public final class BoundLater implements CallBus {
    private final AtomicReference<CallBus> target = new AtomicReference<>();

    /** Points this handle at the real bus; once only. */
    public void bind(CallBus bus) {
        if (!target.compareAndSet(null, bus)) {
            throw new IllegalStateException("the call bus is already bound");
        }
    }

    @Override
    public ObjectNode call(Caller caller, String service, String operation, ObjectNode input)
            throws InterruptedException {
        return bus().call(caller, service, operation, input);
    }

    @Override
    public Optional<ServiceModel> model(String service) {
        return bus().model(service);
    }

    private CallBus bus() {
        CallBus bus = target.get();
        if (bus == null) {
            throw new IllegalStateException("the call bus is used before the services are wired");
        }
        return bus;
    }
}
