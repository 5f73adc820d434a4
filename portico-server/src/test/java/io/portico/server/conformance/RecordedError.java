package io.portico.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error AWS answered in a recording: where it is, its error code, and its text as LocalStack's
 * snapshot keeps it. The snapshots keep errors in three forms, each read here:
 * <ul>
 *   <li>the botocore response, {@code {"Error": {"Code": c, "Message": m}, ...}} ({@code $.Error.Message});
 *   <li>the exception as text, {@code {"exception_typename": c, "exception_value": "An error occurred (c) when
 *       calling the Op operation: m"}} ({@code $.exception_value}, the part after {@code operation: });
 *   <li>a validation message split into its sentences, {@code {"Code": c, "Count": n, "Errors": [...]}}
 *       ({@code $.Errors}), which LocalStack sorts so that AWS's order of several violations does not matter.
 * </ul>
 *
 * @param where the snapshot, test id and recorded key
 * @param code AWS's error code
 * @param text the message, as recorded
 * @param jsonPath where in the entry the message was read from, for failure messages
 */
record RecordedError(Where where, String code, Text text, String jsonPath) {

    /** A recorded response: snapshot file (without {@code .snapshot.json}), test id, and the key it was recorded under. */
    record Where(String snapshot, String testId, String key) {
        @Override
        public String toString() {
            return snapshot + ".snapshot.json " + testId + " [" + key + "]";
        }
    }

    /** The recorded text of an error. */
    sealed interface Text {
        /** What AWS said, with the recording's placeholders replaced by {@code substitute}. */
        String expected(UnaryOperator<String> substitute);

        /** Portico's message in the form of the recording, so that it can be compared with {@link #expected}. */
        String comparable(String actual);

        /** A whole message. */
        record Message(String message) implements Text {
            @Override
            public String expected(UnaryOperator<String> substitute) {
                return substitute.apply(message);
            }

            @Override
            public String comparable(String actual) {
                return actual;
            }
        }

        /** A validation message as its count and its sentences in sorted order. */
        record Sentences(int count, List<String> sentences) implements Text {
            private static final Pattern MESSAGE = Pattern.compile("(\\d+) validation errors? detected: (.*)",
                    Pattern.DOTALL);

            @Override
            public String expected(UnaryOperator<String> substitute) {
                return render(count, sentences.stream().map(substitute).sorted().toList());
            }

            @Override
            public String comparable(String actual) {
                Matcher m = MESSAGE.matcher(actual);
                if (!m.matches()) {
                    return actual;
                }
                return render(Integer.parseInt(m.group(1)), List.of(m.group(2).split("; ")).stream().sorted().toList());
            }

            private static String render(int count, List<String> sentences) {
                return count + (count == 1 ? " validation error" : " validation errors") + " detected: "
                        + String.join("; ", sentences);
            }
        }
    }

    private static final Pattern BOTO_TEXT = Pattern.compile("An error occurred \\((.+?)\\) when calling the \\w+"
            + " operation: (.*)", Pattern.DOTALL);

    /** Reads the error recorded as {@code response}; empty when it is none of the three forms. */
    static Optional<RecordedError> parse(Where where, JsonNode response) {
        JsonNode error = response.path("Error");
        if (error.path("Code").isTextual() && error.path("Message").isTextual()) {
            return Optional.of(new RecordedError(where, error.get("Code").asText(),
                    new Text.Message(error.get("Message").asText()), "$.Error.Message"));
        }
        Matcher boto = BOTO_TEXT.matcher(response.path("exception_value").asText(""));
        if (boto.matches()) {
            return Optional.of(new RecordedError(where, boto.group(1), new Text.Message(boto.group(2)),
                    "$.exception_value"));
        }
        if (response.path("Code").isTextual() && response.path("Errors").isArray()) {
            List<String> sentences = new ArrayList<>();
            response.get("Errors").forEach(s -> sentences.add(s.asText()));
            return Optional.of(new RecordedError(where, response.get("Code").asText(),
                    new Text.Sentences(response.path("Count").asInt(), List.copyOf(sentences)), "$.Errors"));
        }
        return Optional.empty();
    }
}
