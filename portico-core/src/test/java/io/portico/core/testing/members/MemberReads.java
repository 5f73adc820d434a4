package io.portico.core.testing.members;

import io.portico.core.service.OperationCall;
import io.portico.core.service.OperationHandler;
import io.portico.core.service.ServiceApi;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which input members each operation's handler has read, over every call since {@link #clear()}:
 * {@link #watch} wraps a service's handlers so each call's input is a {@link ReadRecordingNode}. Calls
 * from any thread count (a handler reached through the call bus by another service's engine included).
 * Thread safe.
 */
public final class MemberReads {
    private final Map<String, Set<String>> read = new ConcurrentHashMap<>();

    /** {@code api} with every handler recording its reads here (the copy replaces {@code api}). */
    public ServiceApi watch(ServiceApi api) {
        return api.withHandlers(this::recording);
    }

    private OperationHandler recording(OperationHandler handler) {
        return call -> {
            String operation = call.operation().name();
            Set<String> members = read.computeIfAbsent(operation, o -> ConcurrentHashMap.newKeySet());
            ReadRecordingNode input = ReadRecordingNode.of(call.input(), members::add);
            return handler.handle(new OperationCall(call.operation(), input, call.caller(), call.requestId(),
                    call.host()));
        };
    }

    /** The members {@code operation}'s handler has asked for, sorted. */
    public Set<String> of(String operation) {
        return new TreeSet<>(read.getOrDefault(operation, Set.of()));
    }

    /** Whether any call of {@code operation} reached its handler. */
    public boolean reached(String operation) {
        return read.containsKey(operation);
    }

    public void clear() {
        read.clear();
    }
}
