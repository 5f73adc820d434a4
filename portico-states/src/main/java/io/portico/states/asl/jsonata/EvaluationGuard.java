package io.portico.states.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Parser;
import io.portico.states.asl.EvaluationBudget;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bounds of one JSONata evaluation, hooked into the dashjoin evaluator, which calls an entry and an
 * exit callback around every node it evaluates. The library's own guard ({@code Timebox}) hooks in the
 * same way; this one replaces it to add the size budget and to read time from the engine's setting.
 *
 * <p>On entry: the nesting depth of the evaluation, counted as {@code Timebox} counts it (items of an
 * array or object constructor do not nest), so AWS's observed 100 still holds; and the deadline, so a
 * loop over a range or a sequence stops within one iteration of it. On exit: the value the node built
 * is charged to the budget (a string's characters, an array's or object's elements) when the node is
 * one that builds values: function calls, operators, constructors, paths. Names, variables, literals,
 * blocks and conditions return values that exist already and are not charged again; nor is a value
 * passed straight up through calls (the same object as the last one charged). Every check is O(1): a
 * counter, a clock reading, a size.
 *
 * <p>The node type is a package-private field of the library; it is read through a private lookup,
 * which works while dashjoin is on the class path. Were it ever refused, every node is charged:
 * stricter, never looser.
 *
 * <p>Not thread safe: one per evaluation.
 */
final class EvaluationGuard implements Jsonata.EntryCallback, Jsonata.ExitCallback {

    /** AWS accepts an evaluation nested 100 deep and refuses 101 (counted as dashjoin counts). */
    static final int MAX_DEPTH = 100;
    /** jsonata-js's timebox message, which AWS reports with the code U1001. */
    static final String TOO_DEEP = "Stack overflow error: Check for non-terminating recursive function.  "
            + "Consider rewriting as tail-recursive.";

    private static final Set<String> BUILDING = Set.of(
            "function", "partial", "apply", "binary", "unary", "path", "wildcard", "descendant", "transform");
    private static final VarHandle TYPE = typeField();

    private final EvaluationBudget budget;
    private int depth;
    private Object lastCharged;

    EvaluationGuard(EvaluationBudget budget) {
        this.budget = budget;
    }

    /** Makes {@code frame}'s evaluation run under this guard. */
    void install(Jsonata.Frame frame) {
        frame.setEvaluateEntryCallback(this);
        frame.setEvaluateExitCallback(this);
    }

    @Override
    public void callback(Parser.Symbol expr, Object input, Jsonata.Frame environment) {
        if (!environment.isParallelCall && ++depth > MAX_DEPTH) {
            throw new JException(TOO_DEEP, -1);
        }
        budget.checkTime();
    }

    @Override
    public void callback(Parser.Symbol expr, Object input, Jsonata.Frame environment, Object result) {
        if (!environment.isParallelCall) {
            depth--;
        }
        long units = units(result);
        if (units > 0 && result != lastCharged && builds(expr)) {
            lastCharged = result;
            budget.charge(units);
        }
    }

    /** What a value costs the budget: characters of a string, elements of an array or object. */
    static long units(Object value) {
        return switch (value) {
            case String text -> text.length();
            case List<?> list -> list.size();
            case Map<?, ?> map -> map.size();
            case null, default -> 0;
        };
    }

    private static boolean builds(Parser.Symbol expr) {
        if (TYPE == null) {
            return true;
        }
        String type = (String) TYPE.get(expr);
        return type != null && BUILDING.contains(type);
    }

    private static VarHandle typeField() {
        try {
            return MethodHandles.privateLookupIn(Parser.Symbol.class, MethodHandles.lookup())
                    .findVarHandle(Parser.Symbol.class, "type", String.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether node types are read (for the test that pins the library's field). */
    static boolean readsNodeTypes() {
        return TYPE != null;
    }
}
