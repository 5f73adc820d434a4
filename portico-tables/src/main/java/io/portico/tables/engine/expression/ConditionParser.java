package io.portico.tables.engine.expression;

import io.portico.tables.engine.expression.Token.Type;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.Comparisons;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses ConditionExpression, FilterExpression and KeyConditionExpression (one grammar, AWS's
 * "Comparison operator and function reference"):
 *
 * <pre>
 * condition  := and (OR and)*
 * and        := not (AND not)*
 * not        := NOT not | '(' condition ')' | predicate
 * predicate  := term comparator term | term BETWEEN term AND term | term IN '(' term (',' term)* ')'
 *             | function                       -- attribute_exists, attribute_not_exists, attribute_type,
 *                                              -- begins_with, contains
 * term       := path | :value | name '(' term (',' term)* ')' | '(' term ')'
 * </pre>
 *
 * so NOT binds tighter than AND, and AND tighter than OR. A parenthesis may open a group of conditions or
 * a term ({@code (a) = :v}); as in DynamoDB's grammar the predicate is tried first and the group second.
 * Doubled parentheses around either are refused as redundant. A term is parsed before knowing where it may
 * stand, so a function call stays a {@link Term.Call} until the predicate decides: {@code size} is the one
 * function that is an operand, the others are the conditions. Keywords are case-insensitive; function
 * names are not.
 */
final class ConditionParser extends ExpressionParser {

    private static final List<Problem> PRECEDENCE = List.of(Problem.TOO_MANY_OPERATORS, Problem.REDUNDANT_PARENS, Problem.UNKNOWN_FUNCTION,
            Problem.MISUSED_FUNCTION, Problem.RESERVED_WORD, Problem.UNDEFINED_NAME, Problem.OPERAND_COUNT,
            Problem.NOT_DISTINCT, Problem.FUNCTION_OPERAND);

    private static final Map<String, Integer> FUNCTIONS = Map.of("attribute_exists", 1, "attribute_not_exists", 1,
            "attribute_type", 2, "begins_with", 2, "contains", 2, "size", 1);

    /** DynamoDB's limit on operators and functions in one expression (AWS, "Constraints"). */
    static final int MAX_OPERATORS = 300;

    /** DynamoDB's limit on the values after IN (AWS, "Constraints": expression parameters). */
    static final int MAX_IN_OPERANDS = 100;

    private static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "NULL", "SS", "BOOL", "L", "BS", "NS", "M");

    /** A parsed term before its place is known. */
    private sealed interface Term {
        record Of(Operand operand) implements Term {}

        record Call(String name, List<Term> args) implements Term {}

        /** A term in parentheses. */
        record Grouped(Term inner) implements Term {}
    }

    /** A parenthesised group, kept apart only to spot {@code ((...))}. */
    private record Group(Condition condition, boolean group) {}

    ConditionParser(ExpressionKind kind, String source, ExpressionAttributes attributes) {
        super(kind, source, attributes);
    }

    Condition parse() {
        requireText();
        Condition condition = or().condition();
        expectEnd();
        int operators = operators(condition);
        if (operators > MAX_OPERATORS) {
            // the wording is AWS's (a public report); which operators DynamoDB counts is assumed
            problem(Problem.TOO_MANY_OPERATORS, "The expression contains too many operators; operator count: " + operators);
        }
        reportProblems(PRECEDENCE);
        return condition;
    }

    /** Logical operators, comparisons, BETWEEN, IN and function calls, {@code size} included. */
    private static int operators(Condition condition) {
        return switch (condition) {
            case Condition.And and -> 1 + operators(and.left()) + operators(and.right());
            case Condition.Or or -> 1 + operators(or.left()) + operators(or.right());
            case Condition.Not not -> 1 + operators(not.condition());
            case Condition.Compare compare -> 1 + sizes(compare.left()) + sizes(compare.right());
            case Condition.Between between -> 1 + sizes(between.operand()) + sizes(between.lower()) + sizes(between.upper());
            case Condition.In in -> 1 + sizes(in.operand()) + in.candidates().stream().mapToInt(ConditionParser::sizes).sum();
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

    private Group or() {
        Group left = and();
        while (atKeyword("OR")) {
            next();
            left = new Group(new Condition.Or(left.condition(), and().condition()), false);
        }
        return left;
    }

    private Group and() {
        Group left = not();
        while (atKeyword("AND")) {
            next();
            left = new Group(new Condition.And(left.condition(), not().condition()), false);
        }
        return left;
    }

    private Group not() {
        if (atKeyword("NOT")) {
            next();
            return new Group(new Condition.Not(not().condition()), false);
        }
        if (at(Type.LPAREN)) {
            java.util.Optional<Condition> predicate = attempt(this::predicate);
            if (predicate.isPresent()) {
                return new Group(predicate.get(), false);
            }
            next();
            Group inner = or();
            expect(Type.RPAREN);
            if (inner.group()) {
                problem(Problem.REDUNDANT_PARENS, "The expression has redundant parentheses;");
            }
            return new Group(inner.condition(), true);
        }
        return new Group(predicate(), false);
    }

    private Condition predicate() {
        Term left = term();
        Token token = peek();
        if (token.isComparator()) {
            next();
            Term right = term();
            Comparator comparator = Comparator.of(token.text());
            checkDistinct(comparator.symbol(), List.of(left, right));
            return new Condition.Compare(comparator, operand(left), operand(right));
        }
        if (token.isKeyword("BETWEEN")) {
            next();
            Term lower = term();
            expectKeyword("AND");
            Term upper = term();
            checkBounds(lower, upper);
            return new Condition.Between(operand(left), operand(lower), operand(upper));
        }
        if (token.isKeyword("IN")) {
            next();
            expect(Type.LPAREN);
            List<Operand> candidates = new ArrayList<>();
            candidates.add(operand(term()));
            while (at(Type.COMMA)) {
                next();
                candidates.add(operand(term()));
            }
            expect(Type.RPAREN);
            if (candidates.size() > MAX_IN_OPERANDS) {
                // AWS's wording from a public report; whether the count includes the left operand is not known
                problem(Problem.OPERAND_COUNT, "The IN operator is provided with too many operands; number of operands: "
                        + candidates.size());
            }
            return new Condition.In(operand(left), candidates);
        }
        if (left instanceof Term.Call call) {
            return function(call);
        }
        throw syntaxError();
    }

    /** A term with its parentheses dropped (after checking that they are not doubled). */
    private Term term() {
        Term term = groupedTerm();
        while (term instanceof Term.Grouped grouped) {
            term = grouped.inner();
        }
        return term;
    }

    private Term groupedTerm() {
        Token token = peek();
        if (token.is(Type.LPAREN)) {
            next();
            Term inner = groupedTerm();
            expect(Type.RPAREN);
            if (inner instanceof Term.Grouped) {
                problem(Problem.REDUNDANT_PARENS, "The expression has redundant parentheses;");
            }
            return new Term.Grouped(inner);
        }
        if (token.is(Type.NAME) && peek(1).is(Type.LPAREN)) {
            next();
            next();
            List<Term> args = new ArrayList<>();
            if (!at(Type.RPAREN)) {
                args.add(term());
                while (at(Type.COMMA)) {
                    next();
                    args.add(term());
                }
            }
            expect(Type.RPAREN);
            return call(token.text(), args);
        }
        if (atPathStart()) {
            return new Term.Of(new Operand.PathOf(path()));
        }
        if (token.is(Type.VALUE_REF)) {
            next();
            return new Term.Of(new Operand.Literal(value(token, Problem.UNDEFINED_NAME)));
        }
        throw syntaxError();
    }

    /** A function call with its operands checked as DynamoDB checks them. */
    private Term.Call call(String name, List<Term> args) {
        Term.Call call = new Term.Call(name, args);
        Integer operands = FUNCTIONS.get(name);
        if (operands == null) {
            problem(Problem.UNKNOWN_FUNCTION, "Invalid function name; function: " + name);
            return call;
        }
        args.forEach(this::operand);   // a condition function inside a call is misused
        if (operands != args.size()) {
            problem(Problem.OPERAND_COUNT, "Incorrect number of operands for operator or function; operator or "
                    + "function: " + name + ", number of operands: " + args.size());
            return call;
        }
        checkDistinct(name, args);
        switch (name) {
            case "attribute_exists", "attribute_not_exists" -> {
                if (pathOf(args.get(0)).isEmpty()) {
                    functionProblem("Operator or function requires a document path; operator or function: " + name);
                }
            }
            case "begins_with" -> args.forEach(arg -> typeOf(arg)
                    .filter(type -> !type.equals("S") && !type.equals("B"))
                    .ifPresent(type -> wrongOperandType(name, type)));
            case "attribute_type" -> checkTypeName(name, args.get(1));
            case "size" -> typeOf(args.get(0))
                    .filter(type -> type.equals("N") || type.equals("BOOL") || type.equals("NULL"))
                    .ifPresent(type -> wrongOperandType(name, type));
            default -> { }
        }
        return call;
    }

    private void checkTypeName(String name, Term typeArg) {
        if (!(typeArg instanceof Term.Of(Operand.Literal(AttributeValue.S typeName)))) {
            wrongOperandType(name, typeOf(typeArg).orElse("{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"));
            return;
        }
        if (!TYPE_NAMES.contains(typeName.value())) {
            functionProblem("Invalid attribute type name found; type: " + typeName.value()
                    + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        }
    }

    private Condition function(Term.Call call) {
        List<Term> args = call.args();
        if (!FUNCTIONS.containsKey(call.name()) || FUNCTIONS.get(call.name()) != args.size()) {
            return new Condition.AttributeExists(Path.attribute(call.name()));   // refused in reportProblems
        }
        Path first = pathOf(args.get(0)).orElse(Path.attribute(call.name()));
        return switch (call.name()) {
            case "attribute_exists" -> new Condition.AttributeExists(first);
            case "attribute_not_exists" -> new Condition.AttributeNotExists(first);
            case "attribute_type" -> new Condition.AttributeType(first,
                    args.get(1) instanceof Term.Of(Operand.Literal(AttributeValue.S type)) ? type.value() : "");
            case "begins_with" -> new Condition.BeginsWith(operand(args.get(0)), operand(args.get(1)));
            case "contains" -> new Condition.Contains(operand(args.get(0)), operand(args.get(1)));
            default -> {   // size(...) standing as a condition
                problem(Problem.MISUSED_FUNCTION,
                        "The function is not allowed to be used this way in an expression; function: " + call.name());
                yield new Condition.AttributeExists(first);
            }
        };
    }

    /** The operand a term stands for; any function but {@code size} is misused as one. */
    private Operand operand(Term term) {
        return switch (term) {
            case Term.Of of -> of.operand();
            case Term.Grouped grouped -> operand(grouped.inner());
            case Term.Call call -> {
                if (!call.name().equals("size") && FUNCTIONS.containsKey(call.name())) {
                    problem(Problem.MISUSED_FUNCTION,
                            "The function is not allowed to be used this way in an expression; function: " + call.name());
                }
                yield new Operand.Size(call.args().isEmpty()
                        ? new Operand.Literal(AttributeValue.NULL.INSTANCE) : operand(call.args().get(0)));
            }
        };
    }

    private void checkDistinct(String operator, List<Term> args) {
        if (args.size() != 2) {
            return;
        }
        Optional<Path> first = pathOf(args.get(0));
        if (first.isPresent() && first.equals(pathOf(args.get(1)))) {
            problem(Problem.NOT_DISTINCT, "The first operand must be distinct from the remaining operands for this "
                    + "operator or function; operator: " + operator + ", first operand: " + first.get().describe());
        }
    }

    private void checkBounds(Term lower, Term upper) {
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

    private static Optional<Path> pathOf(Term term) {
        return term instanceof Term.Of(Operand.PathOf(Path path)) ? Optional.of(path) : Optional.empty();
    }

    /** The type a term certainly has: a literal's, or N for {@code size}; empty for a path. */
    private static Optional<String> typeOf(Term term) {
        return switch (term) {
            case Term.Of(Operand.Literal(AttributeValue value)) -> Optional.of(value.type());
            case Term.Call call when call.name().equals("size") -> Optional.of("N");
            case Term.Call call when FUNCTIONS.containsKey(call.name()) -> Optional.of("BOOL");
            default -> Optional.empty();
        };
    }

    private void wrongOperandType(String function, String type) {
        functionProblem("Incorrect operand type for operator or function; operator or function: " + function
                + ", operand type: " + type);
    }

    private void functionProblem(String message) {
        problem(Problem.FUNCTION_OPERAND, message);
    }
}
