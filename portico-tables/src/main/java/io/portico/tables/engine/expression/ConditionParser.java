package io.portico.tables.engine.expression;

import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.Token.Type;
import io.portico.tables.engine.value.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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
 * stand ({@link Term}); {@link ConditionFunctions} checks what the grammar does not. Keywords are
 * case-insensitive; function names are not.
 */
final class ConditionParser extends ExpressionParser {

    private static final List<Problem> PRECEDENCE = List.of(Problem.TOO_MANY_OPERATORS, Problem.REDUNDANT_PARENS,
            Problem.UNKNOWN_FUNCTION, Problem.MISUSED_FUNCTION, Problem.RESERVED_WORD, Problem.FIRST_CONDITION);

    /** Within one condition, which of its problems DynamoDB names (dynalite's observed order). */
    private static final List<Problem> WITHIN_CONDITION = List.of(Problem.UNDEFINED_NAME, Problem.OPERAND_COUNT,
            Problem.NOT_DISTINCT, Problem.FUNCTION_OPERAND);

    /** A condition and whether it was written in parentheses, kept only to spot {@code ((...))}. */
    private record Group(Condition condition, boolean group) {}

    /**
     * How deep parentheses may nest. Each level a condition nests without being redundant holds an
     * operator of its own, so a deeper nesting has redundant parentheses (or more than DynamoDB's 300
     * operators) and is refused: the bound keeps the recursive descent within any thread's stack, which
     * the 4 KB expression limit alone (some 2,000 levels) did not.
     */
    static final int MAX_NESTING = ConditionFunctions.MAX_OPERATORS;
    private static final String REDUNDANT_PARENS = "The expression has redundant parentheses;";

    private final ConditionFunctions rules = new ConditionFunctions(this::problem);
    private int nesting;

    ConditionParser(ExpressionKind kind, String source, ExpressionAttributes attributes) {
        super(kind, source, attributes);
    }

    Condition parse() {
        requireText();
        Condition condition = or().condition();
        expectEnd();
        rules.checkOperatorCount(condition);
        reportProblems(PRECEDENCE);
        return condition;
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
            Optional<Condition> predicate = attempt(this::predicate);
            if (predicate.isPresent()) {
                return new Group(predicate.get(), false);
            }
            next();
            Group inner = nested(this::or);
            expect(Type.RPAREN);
            if (inner.group()) {
                problem(Problem.REDUNDANT_PARENS, REDUNDANT_PARENS);
            }
            return new Group(inner.condition(), true);
        }
        return new Group(predicate(), false);
    }

    /**
     * One condition, after which its problems, if it is the first condition with any, become the
     * expression's {@link Problem#FIRST_CONDITION}: DynamoDB reports the first such problem as written
     * ({@code pk = :missing AND begins_with(sk, :n)} names {@code :missing}, the reverse names the operand).
     */
    private Condition predicate() {
        Condition condition = comparisonOrFunction();
        if (noted(Problem.FIRST_CONDITION).isEmpty()) {
            WITHIN_CONDITION.stream().map(this::noted).flatMap(Optional::stream).findFirst()
                    .ifPresent(message -> problem(Problem.FIRST_CONDITION, message));
        }
        return condition;
    }

    private Condition comparisonOrFunction() {
        Term left = term();
        Token token = peek();
        if (token.isComparator()) {
            next();
            Term right = term();
            Comparator comparator = Comparator.of(token.text());
            rules.checkDistinct(comparator.symbol(), List.of(left, right));
            return new Condition.Compare(comparator, operand(left), operand(right));
        }
        if (token.isKeyword("BETWEEN")) {
            next();
            Term lower = term();
            expectKeyword("AND");
            Term upper = term();
            rules.checkBounds(lower, upper);
            return new Condition.Between(operand(left), operand(lower), operand(upper));
        }
        if (token.isKeyword("IN")) {
            next();
            return new Condition.In(operand(left), candidates());
        }
        if (left instanceof Term.Call call) {
            return function(call);
        }
        throw syntaxError();
    }

    private List<Operand> candidates() {
        expect(Type.LPAREN);
        List<Operand> candidates = new ArrayList<>();
        candidates.add(operand(term()));
        while (at(Type.COMMA)) {
            next();
            candidates.add(operand(term()));
        }
        expect(Type.RPAREN);
        rules.checkInOperands(candidates.size());
        return candidates;
    }

    /** A term with its parentheses dropped (after checking that they are not doubled). */
    private Term term() {
        Term term = groupedTerm();
        while (term instanceof Term.Grouped grouped) {
            term = grouped.inner();
        }
        return term;
    }

    /** Parses what one more pair of parentheses holds, within {@link #MAX_NESTING}. */
    private <T> T nested(Supplier<T> inside) {
        if (nesting >= MAX_NESTING) {
            throw TablesException.validation(kind.invalid(REDUNDANT_PARENS));
        }
        nesting++;
        try {
            return inside.get();
        } finally {
            nesting--;
        }
    }

    private Term groupedTerm() {
        Token token = peek();
        if (token.is(Type.LPAREN)) {
            next();
            Term inner = nested(this::groupedTerm);
            expect(Type.RPAREN);
            if (inner instanceof Term.Grouped) {
                problem(Problem.REDUNDANT_PARENS, REDUNDANT_PARENS);
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
            Term.Call call = new Term.Call(token.text(), args);
            rules.checkCall(call);
            return call;
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

    /** A function call standing as a condition. */
    private Condition function(Term.Call call) {
        List<Term> args = call.args();
        if (!ConditionFunctions.isWellFormed(call)) {
            return new Condition.AttributeExists(Path.attribute(call.name()));   // refused in reportProblems
        }
        Path first = Term.pathOf(args.get(0)).orElse(Path.attribute(call.name()));
        return switch (call.name()) {
            case "attribute_exists" -> new Condition.AttributeExists(first);
            case "attribute_not_exists" -> new Condition.AttributeNotExists(first);
            case "attribute_type" -> new Condition.AttributeType(first,
                    args.get(1) instanceof Term.Of(Operand.Literal(AttributeValue.S type)) ? type.value() : "");
            case "begins_with" -> new Condition.BeginsWith(operand(args.get(0)), operand(args.get(1)));
            case "contains" -> new Condition.Contains(operand(args.get(0)), operand(args.get(1)));
            default -> {   // size(...) standing as a condition
                rules.misused(call.name());
                yield new Condition.AttributeExists(first);
            }
        };
    }

    /** The operand a term stands for. */
    private Operand operand(Term term) {
        rules.checkOperand(term);
        return switch (term) {
            case Term.Of of -> of.operand();
            case Term.Grouped grouped -> operand(grouped.inner());
            case Term.Call call -> new Operand.Size(call.args().isEmpty()
                    ? new Operand.Literal(AttributeValue.NULL.INSTANCE) : operand(call.args().get(0)));
        };
    }
}
