package io.portico.tables.engine.expression;

import io.portico.tables.engine.expression.Token.Type;
import io.portico.tables.engine.value.AttributeValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Parses an UpdateExpression (AWS, "Using update expressions"):
 *
 * <pre>
 * update   := section+                       -- each of SET, REMOVE, ADD, DELETE at most once, any order
 * section  := SET path '=' value (',' path '=' value)*
 *           | REMOVE path (',' path)*
 *           | ADD path :value (',' path :value)*
 *           | DELETE path :value (',' path :value)*
 * value    := operand (('+' | '-') operand)?
 * operand  := path | :value | '(' value ')' | if_not_exists '(' path ',' value ')'
 *           | list_append '(' value ',' value ')'
 * </pre>
 *
 * Besides the grammar it checks what DynamoDB checks before reading the item: sections used once, paths
 * that neither overlap nor conflict, ADD taking a number or a set and DELETE a set, and the functions'
 * operand types where a literal shows them.
 */
final class UpdateParser extends ExpressionParser {

    private static final List<Problem> PRECEDENCE = List.of(Problem.RESERVED_WORD, Problem.UNKNOWN_FUNCTION,
            Problem.SECTION_REPEATED, Problem.UNDEFINED_NAME, Problem.UNDEFINED_VALUE, Problem.PATH_OVERLAP,
            Problem.PATH_CONFLICT, Problem.ACTION_OPERAND, Problem.FUNCTION_OPERAND);

    private static final Map<String, String> TYPE_WORDS = Map.of("S", "STRING", "N", "NUMBER", "B", "BINARY",
            "NULL", "NULL", "BOOL", "BOOLEAN", "L", "LIST", "M", "MAP");

    private enum Section { SET, REMOVE, ADD, DELETE }

    private final Set<Section> seen = EnumSet.noneOf(Section.class);

    UpdateParser(String source, ExpressionAttributes attributes) {
        super(ExpressionKind.UPDATE, source, attributes);
    }

    Update parse() {
        requireText();
        List<UpdateAction> actions = new ArrayList<>();
        do {
            actions.addAll(section());
        } while (!at(Type.EOF));
        checkDistinctPaths(actions.stream().map(UpdateAction::path).toList());
        reportProblems(PRECEDENCE);
        return new Update(actions);
    }

    private List<UpdateAction> section() {
        Token keyword = peek();
        Section section = sectionOf(keyword).orElseThrow(this::syntaxError);
        next();
        if (!seen.add(section)) {
            problem(Problem.SECTION_REPEATED,
                    "The \"" + section + "\" section can only be used once in an update expression;");
        }
        List<UpdateAction> actions = new ArrayList<>();
        actions.add(action(section));
        while (at(Type.COMMA)) {
            next();
            actions.add(action(section));
        }
        return actions;
    }

    private UpdateAction action(Section section) {
        Path path = path();
        return switch (section) {
            case SET -> {
                expect(Type.EQ);
                yield new UpdateAction.Set(path, value());
            }
            case REMOVE -> new UpdateAction.Remove(path);
            case ADD -> new UpdateAction.Add(path, setOperand("ADD"));
            case DELETE -> new UpdateAction.Delete(path, setOperand("DELETE"));
        };
    }

    /** The :value of ADD or DELETE: ADD takes a number or a set, DELETE only a set. */
    private AttributeValue setOperand(String operator) {
        AttributeValue value = value(expect(Type.VALUE_REF), Problem.UNDEFINED_VALUE);
        String word = TYPE_WORDS.get(value.type());
        if (word != null && !(operator.equals("ADD") && value instanceof AttributeValue.N)) {
            problem(Problem.ACTION_OPERAND, "Incorrect operand type for operator or function; operator: " + operator
                    + ", operand type: " + word);
        }
        return value;
    }

    private Operand value() {
        Operand left = operand();
        if (at(Type.PLUS) || at(Type.MINUS)) {
            boolean plus = next().is(Type.PLUS);
            Operand right = operand();
            checkNumberOperands(plus ? "+" : "-", left, right);
            return plus ? new Operand.Plus(left, right) : new Operand.Minus(left, right);
        }
        return left;
    }

    private Operand operand() {
        Token token = peek();
        if (token.is(Type.NAME) && peek(1).is(Type.LPAREN)) {
            return function();
        }
        if (atPathStart()) {
            return new Operand.PathOf(path());
        }
        if (token.is(Type.VALUE_REF)) {
            next();
            return new Operand.Literal(value(token, Problem.UNDEFINED_VALUE));
        }
        if (token.is(Type.LPAREN)) {
            next();
            Operand inner = value();
            expect(Type.RPAREN);
            return inner;
        }
        throw syntaxError();
    }

    private Operand function() {
        String name = next().text();
        next();
        List<Operand> args = new ArrayList<>();
        if (!at(Type.RPAREN)) {
            args.add(value());
            while (at(Type.COMMA)) {
                next();
                args.add(value());
            }
        }
        expect(Type.RPAREN);
        boolean known = name.equals("if_not_exists") || name.equals("list_append");
        if (!known) {
            problem(Problem.UNKNOWN_FUNCTION, "Invalid function name; function: " + name);
            return new Operand.Literal(AttributeValue.NULL.INSTANCE);
        }
        if (args.size() != 2) {
            problem(Problem.FUNCTION_OPERAND, "Incorrect number of operands for operator or function; operator or "
                    + "function: " + name + ", number of operands: " + args.size());
            return new Operand.Literal(AttributeValue.NULL.INSTANCE);
        }
        if (name.equals("list_append")) {
            literalTypes(args).filter(type -> !type.equals("L")).findFirst().ifPresent(type -> problem(
                    Problem.FUNCTION_OPERAND, "Incorrect operand type for operator or function; operator or function: "
                            + name + ", operand type: " + type));
            return new Operand.ListAppend(args.get(0), args.get(1));
        }
        if (!(args.get(0) instanceof Operand.PathOf(Path path))) {
            problem(Problem.FUNCTION_OPERAND,
                    "Operator or function requires a document path; operator or function: " + name);
            return new Operand.Literal(AttributeValue.NULL.INSTANCE);
        }
        return new Operand.IfNotExists(path, args.get(1));
    }

    private void checkNumberOperands(String operator, Operand left, Operand right) {
        literalTypes(List.of(left, right)).filter(type -> !type.equals("N")).findFirst().ifPresent(type -> problem(
                Problem.FUNCTION_OPERAND, "Incorrect operand type for operator or function; operator or function: "
                        + operator + ", operand type: " + type));
    }

    private static Stream<String> literalTypes(List<Operand> operands) {
        return operands.stream().map(operand -> switch (operand) {
            case Operand.Literal literal -> literal.value().type();
            case Operand.Plus ignored -> "N";
            case Operand.Minus ignored -> "N";
            case Operand.ListAppend ignored -> "L";
            default -> null;
        }).filter(Objects::nonNull);
    }

    private static Optional<Section> sectionOf(Token token) {
        if (!token.is(Type.NAME)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Section.valueOf(token.text().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException notASection) {
            return Optional.empty();
        }
    }
}
