package io.portico.functions.api;

import io.portico.core.protocol.AwsResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One REST operation: its HTTP method, its path pattern (groups are the URI labels) and its handler. */
record Route(String operation, String method, Pattern path, Handler handler) {

    @FunctionalInterface
    interface Handler {
        AwsResponse handle(LambdaCall call) throws InterruptedException;
    }

    static Route of(String operation, String method, String pathRegex, Handler handler) {
        return new Route(operation, method, Pattern.compile(pathRegex), handler);
    }

    /** The matcher of {@code path} when this route serves {@code method} and {@code path}, else null. */
    Matcher match(String method, String path) {
        if (!this.method.equals(method)) {
            return null;
        }
        Matcher m = this.path.matcher(path);
        return m.matches() ? m : null;
    }
}
