package io.portico.states.asl.jsonpath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.EvaluationBudget;
import io.portico.states.asl.JsonDepth;
import io.portico.states.asl.StatesError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The eighteen {@code States.*} intrinsic functions, applied to already evaluated arguments.
 *
 * <p>Semantics follow the AWS recordings in the conformance corpus where they exist (MathAdd rounds each
 * argument half-up like Java's {@link Math#round(double)}; StringSplit splits on every delimiter character
 * and drops empty pieces; Format renders objects Java-style) and the AWS documentation otherwise.
 * Failures are {@code States.IntrinsicFailure}.
 *
 * <p>Every function that loops over its arguments checks the evaluation's deadline once per step, and
 * every function that builds more than it was given charges the evaluation's budget as it builds
 * (Format, JsonToString, StringSplit, ArrayPartition, ArrayUnique), so no argument, however large,
 * makes one call run or allocate without bound. Array and ArrayPartition nest their arguments one
 * level deeper and refuse to nest past {@link JsonDepth#MAX}. Thread safe (stateless).
 */
final class IntrinsicLibrary {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = io.portico.core.json.Json.mapper();
    private static final int MAX_RANGE_ITEMS = 1000;
    private static final int MAX_BASE64_CHARS = 10_000;
    private static final int MAX_HASH_CHARS = 10_000;
    private static final Set<String> NAMES = Set.of("States.Format", "States.StringToJson", "States.JsonToString",
            "States.Array", "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange",
            "States.ArrayGetItem", "States.ArrayLength", "States.ArrayUnique", "States.Base64Encode",
            "States.Base64Decode", "States.Hash", "States.JsonMerge", "States.MathRandom", "States.MathAdd",
            "States.StringSplit", "States.UUID");

    private IntrinsicLibrary() {
    }

    static boolean exists(String name) {
        return NAMES.contains(name);
    }

    /**
     * Applies {@code call.name()} to {@code args}, the evaluated form of {@code call.args()}, within
     * {@code budget}.
     *
     * @throws EvaluationBudget.Exceeded when the call passes the budget (the caller words it)
     */
    static JsonNode apply(IntrinsicCall call, List<JsonNode> args, EvaluationBudget budget) {
        String name = call.name();
        return switch (name) {
            case "States.Format" -> format(call, args, budget);
            case "States.StringToJson" -> stringToJson(name, args);
            case "States.JsonToString" -> F.textNode(Json.compact(one(name, args), budget));
            case "States.Array" -> F.arrayNode(args.size()).addAll(nestable(name, args));
            case "States.ArrayPartition" -> arrayPartition(name, args, budget);
            case "States.ArrayContains" -> arrayContains(name, args, budget);
            case "States.ArrayRange" -> arrayRange(name, args);
            case "States.ArrayGetItem" -> arrayGetItem(name, args);
            case "States.ArrayLength" -> F.numberNode(array(name, one(name, args), 0).size());
            case "States.ArrayUnique" -> arrayUnique(name, args, budget);
            case "States.Base64Encode" -> base64Encode(name, args);
            case "States.Base64Decode" -> base64Decode(name, args);
            case "States.Hash" -> hash(name, args, budget);
            case "States.JsonMerge" -> jsonMerge(name, args);
            case "States.MathRandom" -> mathRandom(name, args);
            case "States.MathAdd" -> mathAdd(name, args);
            case "States.StringSplit" -> stringSplit(name, args, budget);
            case "States.UUID" -> uuid(name, args);
            default -> throw failure("The function " + name + " is not supported");
        };
    }

    /** {@code values}, refused when one of them cannot be nested one level deeper. */
    private static List<JsonNode> nestable(String name, List<JsonNode> values) {
        for (JsonNode value : values) {
            if (JsonDepth.exceeds(value, JsonDepth.MAX - 1)) {
                throw failure("The result of " + name + " would be nested deeper than " + JsonDepth.MAX + " levels");
            }
        }
        return values;
    }

    private static JsonNode format(IntrinsicCall call, List<JsonNode> args, EvaluationBudget budget) {
        if (args.isEmpty()) {
            throw failure("Function States.Format expects at least 1 argument");
        }
        // A literal template keeps its escapes (\{ is a brace, {} a placeholder); a template read from a
        // path has none to resolve.
        String template = call.args().getFirst() instanceof IntrinsicArg.Text text ? text.raw()
                : string(call.name(), args.getFirst(), 0);
        boolean literal = call.args().getFirst() instanceof IntrinsicArg.Text;
        budget.charge(template.length());
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (literal && c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw failure("Number of arguments in States.Format do not match the number of placeholders");
                }
                out.append(Json.javaString(args.get(next++), budget::charge));
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw failure("Number of arguments in States.Format do not match the number of placeholders");
        }
        return F.textNode(out.toString());
    }

    private static JsonNode stringToJson(String name, List<JsonNode> args) {
        String text = string(name, one(name, args), 0);
        if (text.isBlank()) {
            return F.nullNode();
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw failure("Invalid JSON string provided to States.StringToJson: " + e.getOriginalMessage());
        }
    }

    private static JsonNode arrayPartition(String name, List<JsonNode> args, EvaluationBudget budget) {
        count(name, args, 2);
        ArrayNode source = array(name, args.get(0), 0);
        long size = integer(name, args.get(1), 1);
        if (size <= 0) {
            throw failure("Chunk size must be greater than 0 in States.ArrayPartition");
        }
        nestable(name, List.of(source));
        budget.charge(source.size() + (source.size() + size - 1) / size);
        ArrayNode result = F.arrayNode();
        ArrayNode chunk = null;
        for (int i = 0; i < source.size(); i++) {
            if (i % size == 0) {
                chunk = result.addArray();
            }
            chunk.add(source.get(i));
        }
        return result;
    }

    private static JsonNode arrayContains(String name, List<JsonNode> args, EvaluationBudget budget) {
        count(name, args, 2);
        ArrayNode source = array(name, args.get(0), 0);
        for (JsonNode item : source) {
            budget.checkTime();
            if (Json.equalsByValue(item, args.get(1))) {
                return F.booleanNode(true);
            }
        }
        return F.booleanNode(false);
    }

    private static JsonNode arrayRange(String name, List<JsonNode> args) {
        count(name, args, 3);
        long start = integer(name, args.get(0), 0);
        long end = integer(name, args.get(1), 1);
        long step = integer(name, args.get(2), 2);
        if (step == 0) {
            throw failure("Step must not be 0 in States.ArrayRange");
        }
        // Counted exactly and walked by index: near the bounds of a long, a count overflowed negative and
        // passed the bound, and a value stepping past Long.MAX_VALUE wrapped; either ran without end.
        long diff;
        try {
            diff = Math.subtractExact(end, start);
        } catch (ArithmeticException e) {
            diff = end > start ? Long.MAX_VALUE : Long.MIN_VALUE; // farther apart than any bound allows
        }
        boolean empty = step > 0 ? diff < 0 : diff > 0;
        long steps = empty ? -1 : diff / step;
        if (steps >= MAX_RANGE_ITEMS) {
            throw failure("The array returned by States.ArrayRange cannot contain more than "
                    + MAX_RANGE_ITEMS + " items");
        }
        int items = (int) steps + 1;
        ArrayNode result = F.arrayNode(items);
        for (int i = 0; i < items; i++) {
            result.add(number(start + i * step));
        }
        return result;
    }

    private static JsonNode arrayGetItem(String name, List<JsonNode> args) {
        count(name, args, 2);
        ArrayNode source = array(name, args.get(0), 0);
        long index = integer(name, args.get(1), 1);
        if (index < 0 || index >= source.size()) {
            throw failure("Index " + index + " is out of bounds for an array of length " + source.size()
                    + " in States.ArrayGetItem");
        }
        return source.get((int) index);
    }

    /** Quadratic in the number of distinct items (equality is by value: 1 equals 1.0), hence the deadline. */
    private static JsonNode arrayUnique(String name, List<JsonNode> args, EvaluationBudget budget) {
        ArrayNode source = array(name, one(name, args), 0);
        budget.charge(source.size());
        ArrayNode result = F.arrayNode();
        outer:
        for (JsonNode item : source) {
            budget.checkTime();
            for (JsonNode kept : result) {
                if (Json.equalsByValue(item, kept)) {
                    continue outer;
                }
            }
            result.add(item);
        }
        return result;
    }

    private static JsonNode base64Encode(String name, List<JsonNode> args) {
        String text = string(name, one(name, args), 0);
        if (text.length() > MAX_BASE64_CHARS) {
            throw failure("The input to States.Base64Encode exceeds the maximum of " + MAX_BASE64_CHARS
                    + " characters");
        }
        return F.textNode(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode base64Decode(String name, List<JsonNode> args) {
        String text = string(name, one(name, args), 0);
        if (text.length() > MAX_BASE64_CHARS) {
            throw failure("The input to States.Base64Decode exceeds the maximum of " + MAX_BASE64_CHARS
                    + " characters");
        }
        try {
            return F.textNode(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw failure("The input to States.Base64Decode is not valid base64: " + e.getMessage());
        }
    }

    private static JsonNode hash(String name, List<JsonNode> args, EvaluationBudget budget) {
        count(name, args, 2);
        JsonNode data = args.get(0);
        String text = data.isTextual() ? data.textValue() : Json.compact(data, budget);
        if (text.length() > MAX_HASH_CHARS) {
            throw failure("The input to States.Hash exceeds the maximum of " + MAX_HASH_CHARS + " characters");
        }
        String algorithm = string(name, args.get(1), 1);
        if (!Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(algorithm)) {
            throw failure("The hash algorithm '" + algorithm + "' is not supported by States.Hash; use one of "
                    + "MD5, SHA-1, SHA-256, SHA-384, SHA-512");
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
            return F.textNode(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    private static JsonNode jsonMerge(String name, List<JsonNode> args) {
        count(name, args, 3);
        if (!args.get(0).isObject() || !args.get(1).isObject()) {
            throw failure("The arguments to States.JsonMerge must be JSON objects");
        }
        if (!args.get(2).isBoolean()) {
            throw failure("The third argument to States.JsonMerge must be a boolean");
        }
        if (args.get(2).booleanValue()) {
            throw failure("States.JsonMerge supports only shallow merges: the third argument must be false");
        }
        ObjectNode merged = F.objectNode();
        merged.setAll((ObjectNode) args.get(0));
        merged.setAll((ObjectNode) args.get(1));
        return merged;
    }

    private static JsonNode mathRandom(String name, List<JsonNode> args) {
        if (args.size() != 2 && args.size() != 3) {
            throw failure("Function " + name + " expects 2 or 3 arguments but received " + args.size());
        }
        long start = integer(name, args.get(0), 0);
        long end = integer(name, args.get(1), 1);
        if (end < start) {
            throw failure("The end value must not be less than the start value in States.MathRandom");
        }
        // Both bounds inclusive, as AWS's documented example and LocalStack's recordings suggest.
        if (args.size() == 3) {
            Random seeded = new Random(integer(name, args.get(2), 2));
            return number(start + (long) (seeded.nextDouble() * (end - start + 1)));
        }
        return number(ThreadLocalRandom.current().nextLong(start, end + 1));
    }

    private static JsonNode mathAdd(String name, List<JsonNode> args) {
        count(name, args, 2);
        return number(integer(name, args.get(0), 0) + integer(name, args.get(1), 1));
    }

    private static JsonNode stringSplit(String name, List<JsonNode> args, EvaluationBudget budget) {
        count(name, args, 2);
        String text = string(name, args.get(0), 0);
        String delimiters = string(name, args.get(1), 1);
        ArrayNode result = F.arrayNode();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || delimiters.indexOf(text.charAt(i)) >= 0) {
                if (i > start) {
                    budget.charge(1 + i - start);
                    budget.checkTime();
                    result.add(text.substring(start, i));
                }
                start = i + 1;
            }
        }
        return result;
    }

    private static JsonNode uuid(String name, List<JsonNode> args) {
        count(name, args, 0);
        return F.textNode(UUID.randomUUID().toString());
    }

    // --- argument checks -------------------------------------------------------------------------

    private static JsonNode one(String name, List<JsonNode> args) {
        count(name, args, 1);
        return args.getFirst();
    }

    private static void count(String name, List<JsonNode> args, int expected) {
        if (args.size() != expected) {
            throw failure("Function " + name + " expects " + expected + " argument" + (expected == 1 ? "" : "s")
                    + " but received " + args.size());
        }
    }

    private static ArrayNode array(String name, JsonNode arg, int index) {
        if (!arg.isArray()) {
            throw invalidArgument(name, arg, index, "an array");
        }
        return (ArrayNode) arg;
    }

    private static String string(String name, JsonNode arg, int index) {
        if (!arg.isTextual()) {
            throw invalidArgument(name, arg, index, "a string");
        }
        return arg.textValue();
    }

    /** Integer arguments: decimals are rounded half-up, the way AWS treats MathAdd's operands. */
    private static long integer(String name, JsonNode arg, int index) {
        if (!arg.isNumber()) {
            throw invalidArgument(name, arg, index, "a number");
        }
        return arg.isIntegralNumber() ? arg.longValue() : Math.round(arg.doubleValue());
    }

    private static StatesError invalidArgument(String name, JsonNode arg, int index, String expected) {
        return failure("The value " + Json.compact(arg) + " of argument " + (index + 1) + " of " + name
                + " is not " + expected);
    }

    /** An int node when the value fits, as a parsed JSON document would hold it. */
    private static JsonNode number(long value) {
        return value == (int) value ? F.numberNode((int) value) : F.numberNode(value);
    }

    static StatesError failure(String detail) {
        return new StatesError(StatesError.INTRINSIC_FAILURE, detail);
    }
}
