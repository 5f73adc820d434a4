package io.portico.tables.engine.expression;

import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.Comparisons;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The rules DynamoDB checks in a condition beyond its grammar: which functions exist and how many operands
 * each takes, what their operands may be, that a comparison does not compare a path with itself, that
 * literal BETWEEN bounds are ordered, and the limits on operators and IN operands. Problems go to the
 * parser's collection, which reports the one DynamoDB would.
 */
final class ConditionFunctions {

    /** DynamoDB's limit on operators and functions in one expression (AWS, "Constraints"). */
    static final int MAX_OPERATORS = 300;

    /** DynamoDB's limit on the values after IN (AWS, "Constraints": expression parameters). */
    static final int MAX_IN_OPERANDS = 100;

    private static final Map<String, Integer> ARITY = Map.of("attribute_exists", 1, "attribute_not_exists", 1,
            "attribute_type", 2, "begins_with", 2, "contains", 2, "size", 1);

    private static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "NULL", "SS", "BOOL", "L", "BS", "NS", "M");

    private final BiConsumer<Problem, String> problems;

    ConditionFunctions(BiConsumer<Problem, String> problems) {
        this.problems = problems;
    }

    static boolean isKnown(String name) {
        return ARITY.containsKey(name);
    }

    /** Whether {@code call} names a known function with the right number of operands. */
    static boolean isWellFormed(Term.Call call) {
        return isKnown(call.name()) && ARITY.get(call.name()) == call.args().size();
    }

    /** Checks a call's name, operand count and operands. */
    void checkCall(Term.Call call) {
        String name = call.name();
        List<Term> args = call.args();
        if (!isKnown(name)) {
            problems.accept(Problem.UNKNOWN_FUNCTION, "Invalid function name; function: " + name);
            return;
        }
        args.forEach(this::checkOperand);
        if (!isWellFormed(call)) {
            problems.accept(Problem.OPERAND_COUNT, "Incorrect number of operands for operator or function; operator "
                    + "or function: " + name + ", number of operands: " + args.size());
            return;
        }
        checkDistinct(name, args);
        switch (name) {
            case "attribute_exists", "attribute_not_exists" -> {
                if (Term.pathOf(args.get(0)).isEmpty()) {
                    functionProblem("Operator or function requires a document path; operator or function: " + name);
                }
            }
            case "begins_with" -> args.forEach(arg -> Term.typeOf(arg)
                    .filter(type -> !type.equals("S") && !type.equals("B"))
                    .ifPresent(type -> wrongOperandType(name, type)));
            case "attribute_type" -> checkTypeName(name, args.get(1));
            case "size" -> Term.typeOf(args.get(0))
                    .filter(type -> type.equals("N") || type.equals("BOOL") || type.equals("NULL"))
                    .ifPresent(type -> wrongOperandType(name, type));
            default -> { }
        }
    }

    /** A term standing as an operand: any known function but {@code size} is misused there. */
    void checkOperand(Term term) {
        if (term instanceof Term.Call call && isKnown(call.name()) && !call.name().equals("size")) {
            misused(call.name());
        }
    }

    void misused(String function) {
        problems.accept(Problem.MISUSED_FUNCTION,
                "The function is not allowed to be used this way in an expression; function: " + function);
    }

    /** {@code a = a}, {@code begins_with(a, a)}: the first operand must differ from the second. */
    void checkDistinct(String operator, List<Term> args) {
        if (args.size() != 2) {
            return;
        }
        Optional<Path> first = Term.pathOf(args.get(0));
        if (first.isPresent() && first.equals(Term.pathOf(args.get(1)))) {
            problems.accept(Problem.NOT_DISTINCT, "The first operand must be distinct from the remaining operands for "
                    + "this operator or function; operator: " + operator + ", first operand: " + first.get().describe());
        }
    }

    /** BETWEEN with two literal bounds: same type, lower not above upper. */
    void checkBounds(Term lower, Term upper) {
        if (lower instanceof Term.Of(Operand.Literal(AttributeValue low))
                && upper instanceof Term.Of(Operand.Literal(AttributeValue high))) {
            String bounds = "lower bound operand: AttributeValue: {" + low.type() + ":" + Comparisons.render(low)
                    + "}, upper bound operand: AttributeValue: {" + high.type() + ":" + Comparisons.render(high) + "}";
            if (!low.type().equals(high.type())) {
                functionProblem("The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
            } else if (Comparisons.order(low, high).orElse(0) > 0) {
                functionProblem("The BETWEEN operator requires upper bound to be greater than or equal to lower "
                        + "bound; " + bounds);
            }
        }
    }

    void checkInOperands(int count) {
        if (count > MAX_IN_OPERANDS) {
            // AWS's wording from a public report; whether the count includes the left operand is not known
            problems.accept(Problem.OPERAND_COUNT,
                    "The IN operator is provided with too many operands; number of operands: " + count);
        }
    }

    void checkOperatorCount(Condition condition) {
        int operators = operators(condition);
        if (operators > MAX_OPERATORS) {
            // the wording is AWS's (a public report); which operators DynamoDB counts is assumed
            problems.accept(Problem.TOO_MANY_OPERATORS,
                    "The expression contains too many operators; operator count: " + operators);
        }
    }

    private void checkTypeName(String name, Term typeArg) {
        if (!(typeArg instanceof Term.Of(Operand.Literal(AttributeValue.S typeName)))) {
            wrongOperandType(name, Term.typeOf(typeArg).orElse("{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"));
            return;
        }
        if (!TYPE_NAMES.contains(typeName.value())) {
            functionProblem("Invalid attribute type name found; type: " + typeName.value()
                    + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        }
    }

    private void wrongOperandType(String function, String type) {
        functionProblem("Incorrect operand type for operator or function; operator or function: " + function
                + ", operand type: " + type);
    }

    private void functionProblem(String message) {
        problems.accept(Problem.FUNCTION_OPERAND, message);
    }

    /** Logical operators, comparisons, BETWEEN, IN and function calls, {@code size} included. */
    private static int operators(Condition condition) {
        return switch (condition) {
            case Condition.And and -> 1 + operators(and.left()) + operators(and.right());
            case Condition.Or or -> 1 + operators(or.left()) + operators(or.right());
            case Condition.Not not -> 1 + operators(not.condition());
            case Condition.Compare compare -> 1 + sizes(compare.left()) + sizes(compare.right());
            case Condition.Between between -> 1 + sizes(between.operand()) + sizes(between.lower()) + sizes(between.upper());
            case Condition.In in -> 1 + sizes(in.operand())
                    + in.candidates().stream().mapToInt(ConditionFunctions::sizes).sum();
            case Condition.BeginsWith begins -> 1 + sizes(begins.operand()) + sizes(begins.prefix());
            case Condition.Contains contains -> 1 + sizes(contains.operand()) + sizes(contains.part());
            case Condition.AttributeExists ignored -> 1;
            case Condition.AttributeNotExists ignored -> 1;
            case Condition.AttributeType ignored -> 1;
        };
    }

    private static int sizes(Operand operand) {
        return operand instanceof Operand.Size size ? 1 + sizes(size.operand()) : 0;
    }
}
