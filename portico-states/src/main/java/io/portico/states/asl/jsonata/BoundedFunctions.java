package io.portico.states.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import io.portico.states.asl.EvaluationBudget;
import io.portico.states.asl.EvaluationLimits;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounded stand-ins for the dashjoin built-ins whose result can be far larger than their arguments:
 * {@code $pad}, {@code $join}, {@code $string}, {@code $split}, {@code $replace} and {@code $match}
 * (and {@code $contains}, below).
 * The evaluator's exit check ({@link EvaluationGuard}) sees a value only once it is built, which for
 * these is too late ({@code $pad("", 1000000000)} is two gigabytes), so each charges the evaluation's
 * budget with what it is about to build, then builds it. All but {@code $pad} then call the library's
 * own function, so results stay exactly the library's; {@code $pad} is rewritten because the library's
 * pads by repeated concatenation (quadratic time) and interns its arguments.
 *
 * {@code $contains} is rewritten too: it builds nothing, but its regular expression, like every one
 * run here, reads the text through {@link DeadlineText}, so a catastrophically backtracking match ends
 * at the deadline.
 *
 * <p>The charge is an upper bound computed in time linear in the arguments (a regular expression is
 * run once more to count its matches, under the deadline; the library's own run that follows repeats
 * that work, so an evaluation whose regular expressions take most of its time may run up to twice its
 * time bound before the next check fails it). The dashjoin function interface passes no evaluation context, so the
 * budget of the evaluation running on this thread is found through a thread-local that
 * {@link JsonataEvaluator} sets around each evaluation.
 *
 * <p>Thread safe.
 */
final class BoundedFunctions {

    private static final ThreadLocal<EvaluationBudget> CURRENT = new ThreadLocal<>();
    /** Shared by every expression, as the library shares its own built-ins: they hold no state. */
    private static final Map<String, Jsonata.JFunction> ALL = create();

    private BoundedFunctions() {
    }

    /** The stand-ins by the name they replace (without the {@code $}), with the library's signatures. */
    static Map<String, Jsonata.JFunction> all() {
        return ALL;
    }

    private static Map<String, Jsonata.JFunction> create() {
        return Map.of(
                "pad", new Jsonata.JFunction((input, args) -> pad(args), "<s-ns?:s>"),
                "contains", new Jsonata.JFunction((input, args) -> contains(args), "<s-(sf):b>"),
                "join", guarded("join", "<a<s>s?:s>", BoundedFunctions::chargeJoin),
                "string", guarded("string", "<x-b?:s>", BoundedFunctions::chargeString),
                "split", guarded("split", "<s-(sf)n?:a<s>>", BoundedFunctions::chargeSplit),
                "replace", guarded("replace", "<s-(sf)(sf)n?:s>", BoundedFunctions::chargeReplace),
                "match", guarded("match", "<s-f<s:o>n?:a<o>>", BoundedFunctions::chargeMatch));
    }

    /** Runs {@code evaluation} with {@code budget} as the one the stand-ins charge on this thread. */
    static <T> T within(EvaluationBudget budget, Supplier<T> evaluation) {
        EvaluationBudget outer = CURRENT.get();
        CURRENT.set(budget);
        try {
            return evaluation.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    private static EvaluationBudget budget() {
        EvaluationBudget budget = CURRENT.get();
        // Only an evaluation outside JsonataEvaluator (none in the engine) lacks one.
        return budget != null ? budget : EvaluationLimits.defaults().start();
    }

    /** The library's function {@code name}, called once {@code charge} has accepted its arguments. */
    private static Jsonata.JFunction guarded(String name, String signature, Consumer<List<?>> charge) {
        // An expression naming a function evaluates to it: with nothing registered, to the library's.
        Jsonata.JFunction library = (Jsonata.JFunction) Jsonata.jsonata("$" + name).evaluate(null);
        return new Jsonata.JFunction((input, args) -> {
            charge.accept(args);
            return library.call(input, args);
        }, signature);
    }

    /**
     * {@code $pad} as the library computes it (width truncated to an int, padding counted in code
     * points, a pad string cut to fit), built in linear time once the padding is charged.
     */
    static Object pad(List<?> args) {
        if (!(arg(args, 0) instanceof String text)) {
            return null;
        }
        int width = ((Number) arg(args, 1)).intValue();
        String padding = arg(args, 2) instanceof String s && !s.isEmpty() ? s : " ";
        int missing = Math.abs(width) - text.codePointCount(0, text.length());
        if (missing <= 0) {
            return text;
        }
        budget().charge(missing);
        int copies = (int) (((long) missing + padding.codePointCount(0, padding.length()) - 1)
                / padding.codePointCount(0, padding.length()));
        String repeated = padding.repeat(copies);
        String cut = repeated.substring(0, repeated.offsetByCodePoints(0, missing));
        return width > 0 ? text + cut : cut + text;
    }

    /**
     * {@code $contains} as the library answers it, a regular expression read through
     * {@link DeadlineText}: it builds nothing, but one match can run for ever.
     */
    static Object contains(List<?> args) {
        if (!(arg(args, 0) instanceof String text)) {
            return null;
        }
        if (arg(args, 1) instanceof Pattern regex) {
            return regex.matcher(new DeadlineText(text, budget())).find();
        }
        return text.contains((String) arg(args, 1));
    }

    private static void chargeString(List<?> args) {
        EvaluationBudget budget = budget();
        budget.charge(textLength(arg(args, 0), budget.limits().size()));
    }

    private static void chargeJoin(List<?> args) {
        if (!(arg(args, 0) instanceof List<?> parts)) {
            return;
        }
        long units = arg(args, 1) instanceof String separator ? (long) separator.length() * parts.size() : 0;
        for (Object part : parts) {
            units += EvaluationGuard.units(part);
        }
        budget().charge(units);
    }

    /** At most one piece more than the separator matches, holding at most the text's characters. */
    private static void chargeSplit(List<?> args) {
        if (!(arg(args, 0) instanceof String text)) {
            return;
        }
        long pieces = arg(args, 1) instanceof String separator && separator.isEmpty()
                ? text.length()
                : matches(text, arg(args, 1), arg(args, 2), (length, groups) -> 0) + 1;
        budget().charge(pieces + text.length());
    }

    /**
     * The text plus, per match, the replacement with each {@code $} group reference as long as the
     * match; a function replacement's results are charged when the evaluator builds them.
     */
    private static void chargeReplace(List<?> args) {
        if (!(arg(args, 0) instanceof String text)) {
            return;
        }
        long units = text.length();
        if (arg(args, 2) instanceof String replacement && !isEmptyString(arg(args, 1))) {
            long references = arg(args, 1) instanceof Pattern ? replacement.chars().filter(c -> c == '$').count() : 0;
            units += matches(text, arg(args, 1), arg(args, 3),
                    (length, groups) -> replacement.length() + references * length);
        } else if (arg(args, 1) instanceof Pattern) {
            matches(text, arg(args, 1), arg(args, 3), (length, groups) -> 0); // only for the deadline
        }
        budget().charge(units);
    }

    /** Per match an object of three members, the matched text and its groups. */
    private static void chargeMatch(List<?> args) {
        if (arg(args, 0) instanceof String text && arg(args, 1) instanceof Pattern) {
            budget().charge(matches(text, arg(args, 1), arg(args, 2), (length, groups) -> 3 + length + groups));
        }
    }

    /** What one match of {@code length} characters with {@code groups} groups costs beyond counting. */
    private interface MatchCost {
        long of(int length, int groups);
    }

    /**
     * The number of matches of {@code pattern} (a string or a regular expression) in {@code text}, at
     * most {@code limit}, plus the sum of {@code cost} over them. Checks the deadline between matches.
     */
    private static long matches(String text, Object pattern, Object limit, MatchCost cost) {
        long most = limit instanceof Number n ? Math.max(0, n.longValue()) : Long.MAX_VALUE;
        long total = 0;
        long count = 0;
        if (pattern instanceof String literal) {
            for (int at = literal.isEmpty() ? -1 : text.indexOf(literal); at >= 0 && count < most;
                    at = text.indexOf(literal, at + literal.length())) {
                count++;
                total += cost.of(literal.length(), 0);
            }
            return count + total;
        }
        if (!(pattern instanceof Pattern regex)) {
            return 0;
        }
        Matcher matcher = regex.matcher(new DeadlineText(text, budget()));
        while (count < most && matcher.find()) {
            count++;
            total += cost.of(matcher.end() - matcher.start(), matcher.groupCount());
        }
        return count + total;
    }

    private static boolean isEmptyString(Object value) {
        return value instanceof String s && s.isEmpty();
    }

    /**
     * At least the length of the JSON text of {@code value} without escapes: what {@code $string}
     * writes, give or take escapes and number formats, or any length above {@code cap} once past it.
     * Walks without recursion, so a value nested deeper than the stack allows is measured (the library
     * then fails on it with its own message).
     */
    static long textLength(Object value, long cap) {
        long length = 0;
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(value == null ? Jsonata.NULL_VALUE : value);
        while (!pending.isEmpty() && length <= cap) {
            switch (pending.pop()) {
                case String text -> length += text.length() + 2;
                case Map<?, ?> map -> {
                    length += 2 + map.size();
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        length += String.valueOf(entry.getKey()).length() + 3;
                        pushPresent(pending, entry.getValue());
                    }
                }
                case List<?> list -> {
                    length += 2 + list.size();
                    list.forEach(item -> pushPresent(pending, item));
                }
                default -> length += 4;
            }
        }
        return length;
    }

    private static void pushPresent(Deque<Object> pending, Object value) {
        if (value != null) {
            pending.push(value);
        }
    }

    private static Object arg(List<?> args, int index) {
        return index < args.size() ? args.get(index) : null;
    }
}
