package io.portico.server.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One recorded validation error and how Portico answers it: it {@link Verdict.Matches matches} AWS, it
 * {@link Verdict.Differs differs} for a stated reason, or the operation is {@link Verdict.NotServed not
 * served} by Portico at all.
 *
 * @param where the recorded response
 * @param verdict how Portico answers it
 */
record RecordedCase(RecordedError.Where where, Verdict verdict) {

    /** How Portico answers a recorded validation error. */
    sealed interface Verdict {
        /** Portico answers the call with AWS's error code and message. */
        record Matches(Call call) implements Verdict {
        }

        /** Portico answers otherwise, for {@code reason} (also stated in the service's docs). */
        record Differs(Call call, String reason) implements Verdict {
        }

        /** The operation the recording called is one Portico does not serve. */
        record NotServed(String service, String operation) implements Verdict {
        }
    }

    /**
     * A call as the recorded test made it, through Portico's call bus.
     *
     * @param service the service's SDK id ({@code lambda}, {@code sfn})
     * @param operation the model's operation name
     * @param input the input document, keyed by the model's member names
     * @param placeholders the recording's placeholders for values this call chose (a function name, say), and
     *     the values it chose
     */
    record Call(String service, String operation, ObjectNode input, Map<String, String> placeholders) {

        /**
         * A call with its input written as JSON; {@code {account}} and {@code {region}} in it stand for the
         * caller's, as the recordings' {@code 111111111111} and {@code <region>} do.
         */
        static Call of(String service, String operation, String json) {
            String text = json.replace("{account}", RecordedValidationCases.ACCOUNT)
                    .replace("{region}", RecordedValidationCases.REGION);
            try {
                return new Call(service, operation, (ObjectNode) Json.mapper().readTree(text), Map.of());
            } catch (IOException e) {
                throw new UncheckedIOException("bad input for " + operation + ": " + text, e);
            }
        }

        /** This call with one more member set. */
        Call with(String member, Object value) {
            ObjectNode copy = input.deepCopy();
            copy.set(member, Json.mapper().valueToTree(value));
            return new Call(service, operation, copy, placeholders);
        }

        /** This call, telling the comparison that the recording's {@code placeholder} stands for {@code value}. */
        Call where(String placeholder, String value) {
            Map<String, String> more = new LinkedHashMap<>(placeholders);
            more.put(placeholder, value);
            return new Call(service, operation, input, Map.copyOf(more));
        }
    }
}
