package io.portico.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The requests being handled on both endpoints, so that a shutdown whose grace runs out can name the
 * ones it abandons, and {@code /metrics} can show how many there are
 * ({@code portico_http_requests_in_flight}).
 *
 * <p>A request is described by its method, its path without the query (a presigned URL's query holds
 * a signature) and, for AWS's JSON protocols, the {@code X-Amz-Target} operation: never a body, a
 * credential or another header. A request leaves when Jetty completes it, whichever way.
 *
 * <p>Thread safe.
 */
final class InFlightRequests extends Handler.Wrapper {
    private final Map<Long, InFlight> requests = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** One request in flight and when it arrived (a {@link System#nanoTime()}). */
    record InFlight(String method, String path, String operation, long startedNanos) {
        /** {@code POST / (AWSStepFunctions.GetActivityTask)}, or without the operation. */
        String describe() {
            return method + " " + path + (operation.isEmpty() ? "" : " (" + operation + ")");
        }
    }

    InFlightRequests(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long id = ids.incrementAndGet();
        String target = request.getHeaders().get("X-Amz-Target");
        requests.put(id, new InFlight(request.getMethod(), request.getHttpURI().getPath(),
                target == null ? "" : target, System.nanoTime()));
        Request.addCompletionListener(request, failure -> requests.remove(id));
        boolean handled = false;
        try {
            handled = super.handle(request, response, callback);
            return handled;
        } finally {
            if (!handled) {
                requests.remove(id); // no handler took it (or one threw): Jetty answers it itself, at once
            }
        }
    }

    /** The requests in flight now, oldest first. */
    List<InFlight> current() {
        return requests.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }

    int size() {
        return requests.size();
    }
}
