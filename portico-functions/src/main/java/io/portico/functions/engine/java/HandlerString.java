package io.portico.functions.engine.java;

import java.util.Optional;

/**
 * A function's {@code Handler} setting parsed as Lambda parses it: {@code package.Class} or
 * {@code package.Class::method}, split at the last {@code ::}.
 */
record HandlerString(String className, Optional<String> methodName) {

    static HandlerString parse(String handler) throws HandlerFault {
        int colons = handler.lastIndexOf("::");
        String className = colons < 0 ? handler : handler.substring(0, colons);
        Optional<String> method = colons < 0 ? Optional.empty() : Optional.of(handler.substring(colons + 2));
        if (className.isEmpty() || method.filter(String::isEmpty).isPresent()) {
            throw HandlerFault.message("Invalid handler: `" + handler + "'");
        }
        return new HandlerString(className, method);
    }
}
