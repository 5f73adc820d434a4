package io.portico.core.service;


/**
 * How a service words a request member of the wrong type (a number where the model has a string, an
 * object where it has a list). AWS's JSON front ends answer {@code SerializationException}; Lambda answers
 * {@code InvalidRequestContentException} in its own words. {@code path} is the member's dotted path,
 * {@code found} the JSON token kind that arrived ({@code NUMBER_VALUE}, {@code STRING_VALUE},
 * {@code TRUE_VALUE}, {@code FALSE_VALUE}, {@code START_OBJECT}, {@code START_ARRAY}) and {@code expected}
 * the model type's name ({@code String}, {@code Integer}, {@code Structure}, {@code List}, ...).
 */
@FunctionalInterface
public interface TypeErrors {

    AwsError wrongType(String path, String found, String expected);

    /** Bad JSON or a body that cannot be read at all; {@code detail} is the parser's message. */
    default AwsError unreadable(String detail) {
        return new AwsError("SerializationException", 400, detail);
    }

    /**
     * Whether a number or boolean given for a string member is read as its text rather than refused
     * (Lambda binds bodies with Jackson's default coercions; Coral-based services refuse).
     */
    default boolean coercesScalarsToStrings() {
        return false;
    }

    /**
     * AWS's JSON front ends: {@code NUMBER_VALUE cannot be converted to String} and, for containers,
     * {@code Start of structure or map found where not expected.} / {@code Start of list found where not
     * expected.}
     */
    TypeErrors SERIALIZATION_EXCEPTION = (path, found, expected) -> new AwsError("SerializationException", 400,
            switch (found) {
                case "START_OBJECT" -> "Start of structure or map found where not expected.";
                case "START_ARRAY" -> "Start of list found where not expected.";
                default -> found + " cannot be converted to " + expected;
            });
}
