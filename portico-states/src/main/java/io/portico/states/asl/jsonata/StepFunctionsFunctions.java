package io.portico.states.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.portico.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The functions Step Functions adds to JSONata: {@code $partition}, {@code $range}, {@code $hash},
 * {@code $random} (with an optional seed), {@code $uuid} and {@code $parse}.
 *
 * <p>Edge behaviour (undefined for an empty or zero-sized partition, a single-element range collapsing
 * to its element, arguments rounded towards zero, the D3137 texts) follows what AWS was observed to
 * answer; it is not all in the AWS documentation. Each signature declares one optional slot more than
 * the documented arity: the engine pads short calls with nulls and refuses long ones with its own
 * message, so the extra slot lets a surplus argument reach this code and fail with AWS's T0410.
 *
 * <p>Stateless and thread safe.
 */
final class StepFunctionsFunctions {

    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    /** AWS refuses a sequence this long on its memory limit; we refuse it before allocating it. */
    private static final long MAX_RANGE_ELEMENTS = 873_782L;

    /**
     * AWS's $parse rejects trailing documents and repeated keys, which a lenient reader accepts. Like
     * every reader of the shared mapper it also refuses nesting deeper than Jackson's limit
     * ({@link io.portico.states.asl.JsonDepth#MAX}), in time linear in the text, so $parse cannot build
     * a value the engine could not write.
     */
    private static final ObjectReader STRICT_JSON = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private StepFunctionsFunctions() {
    }

    /** The functions by the name they are bound under (without the {@code $}). */
    static Map<String, Jsonata.JFunction> all() {
        return Map.of(
                "partition", new Jsonata.JFunction((in, args) -> partition(args), "<x?x?x?:x>"),
                "range", new Jsonata.JFunction((in, args) -> range(args), "<x?x?x?x?:x>"),
                "hash", new Jsonata.JFunction((in, args) -> hash(args), "<x?x?x?:x>"),
                "random", new Jsonata.JFunction((in, args) -> random(args), "<x?x?:x>"),
                "uuid", new Jsonata.JFunction((in, args) -> uuid(args), "<x?:x>"),
                "parse", new Jsonata.JFunction((in, args) -> parse(args), "<x?x?:x>"));
    }

    static Object partition(List<?> args) {
        rejectSurplus(args, "partition", 2);
        Object array = arg(args, 0);
        if (array == null) {
            return null;
        }
        if (!(array instanceof List<?> items)) {
            throw new JException("T0412: Argument 1 of function \"partition\" must be an array of undefined", -1);
        }
        if (items.isEmpty()) {
            return null;
        }
        Object sizeArg = arg(args, 1);
        if (sizeArg == null) {
            return new ArrayList<>(List.of(new ArrayList<>(items)));
        }
        long size = towardsZero(sizeArg, "partition", 2);
        if (size < 0) {
            throw d3137("Second argument must be zero or greater");
        }
        if (size == 0) {
            return null;
        }
        int chunk = (int) Math.min(size, items.size());
        List<Object> chunks = new ArrayList<>((items.size() + chunk - 1) / chunk);
        for (int from = 0; from < items.size(); from += chunk) {
            chunks.add(new ArrayList<>(items.subList(from, Math.min(from + chunk, items.size()))));
        }
        return chunks;
    }

    static Object range(List<?> args) {
        rejectSurplus(args, "range", 3);
        long start = towardsZero(arg(args, 0), "range", 1);
        long end = towardsZero(arg(args, 1), "range", 2);
        Object stepArg = arg(args, 2);
        if (stepArg == null) {
            return null;
        }
        long step = towardsZero(stepArg, "range", 3);
        if (step == 0 || (step > 0 && start > end) || (step < 0 && start < end)) {
            return null;
        }
        // Counted in floating point so a step near Long.MAX_VALUE cannot wrap the loop below.
        double count = Math.floor(((double) end - (double) start) / step) + 1;
        if (count > MAX_RANGE_ELEMENTS) {
            throw new JException(JsonataMessages.MEMORY_LIMIT, -1);
        }
        if (count == 1) {
            // A one-element sequence is its element in JSONata; AWS answers $range(1, 9, 9) with 1.
            return start;
        }
        List<Object> values = new ArrayList<>((int) count);
        long value = start;
        for (int i = 0; i < (int) count; i++) {
            values.add(value);
            value += step;
        }
        return values;
    }

    static Object hash(List<?> args) {
        rejectSurplus(args, "hash", 2);
        if (!(arg(args, 0) instanceof String data)) {
            throw signatureMismatch("hash", 1);
        }
        Object algorithmArg = arg(args, 1);
        if (algorithmArg == null) {
            return null;
        }
        if (!(algorithmArg instanceof String algorithm)) {
            throw signatureMismatch("hash", 2);
        }
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw d3137("Hash algorithm '" + algorithm + "' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5");
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    /** Seeded calls use java.util.Random as AWS does: $random(42) is 0.7275636800328681 there too. */
    static Object random(List<?> args) {
        rejectSurplus(args, "random", 1);
        Object seed = arg(args, 0);
        if (seed == null) {
            return ThreadLocalRandom.current().nextDouble();
        }
        return new Random(towardsZero(seed, "random", 1)).nextDouble();
    }

    static Object uuid(List<?> args) {
        rejectSurplus(args, "uuid", 0);
        return UUID.randomUUID().toString();
    }

    static Object parse(List<?> args) {
        rejectSurplus(args, "parse", 1);
        Object text = arg(args, 0);
        if (text == null) {
            return null;
        }
        if (!(text instanceof String json)) {
            throw signatureMismatch("parse", 1);
        }
        JsonNode parsed;
        try {
            parsed = STRICT_JSON.readTree(json);
        } catch (IOException e) {
            throw d3137("Invalid JSON");
        }
        if (parsed == null || parsed.isMissingNode()) {
            throw d3137("Invalid JSON");
        }
        return JsonataValues.toJsonata(parsed);
    }

    private static Object arg(List<?> args, int index) {
        if (index >= args.size()) {
            return null;
        }
        return args.get(index);
    }

    private static void rejectSurplus(List<?> args, String function, int arity) {
        if (arg(args, arity) != null) {
            throw signatureMismatch(function, arity + 1);
        }
    }

    /** AWS truncates a fractional argument towards zero: -1.7 is -1, 2.9 is 2. */
    private static long towardsZero(Object value, String function, int position) {
        if (!(value instanceof Number number)) {
            throw signatureMismatch(function, position);
        }
        return (long) number.doubleValue();
    }

    private static JException signatureMismatch(String function, int position) {
        return new JException("T0410", -1, position, function);
    }

    private static JException d3137(String message) {
        return new JException("D3137", -1, message);
    }
}
