package io.portico.states.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Step Functions API operation: request body in, response body out. */
@FunctionalInterface
interface Operation {
    ObjectNode handle(Call call);
}
