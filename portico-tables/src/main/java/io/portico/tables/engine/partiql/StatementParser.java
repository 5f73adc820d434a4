package io.portico.tables.engine.partiql;

import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.Comparator;
import io.portico.tables.engine.expression.Condition;
import io.portico.tables.engine.expression.Operand;
import io.portico.tables.engine.expression.Path;
import io.portico.tables.engine.expression.UpdateAction;
import io.portico.tables.engine.partiql.StatementLexer.Token;
import io.portico.tables.engine.partiql.StatementLexer.Type;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.Bytes;
import io.portico.tables.engine.value.DynamoNumber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A recursive-descent parser of DynamoDB's PartiQL subset into a {@link Statement}: SELECT, INSERT ... VALUE,
 * UPDATE ... SET/REMOVE ... WHERE and DELETE ... WHERE. WHERE clauses become the expression engine's
 * {@link Condition} (comparisons, AND/OR/NOT, BETWEEN, IN, IS [NOT] MISSING, begins_with, contains), so
 * they are evaluated exactly as a ConditionExpression is. Each {@code ?} takes the next of the request's
 * Parameters; a count that differs is refused. Not thread safe; one instance per statement.
 */
public final class StatementParser {
    /** DynamoDB's prefix for a statement it cannot parse (the detail after it is Portico's). */
    static final String MALFORMED = "Statement wasn't well formed, can't be processed: ";
    /**
     * How deep parentheses and NOTs may nest. A statement may be 8,192 characters, enough for thousands
     * of levels, and each level is a few frames of this recursive parser; the bound turns what would be a
     * stack overflow into an answer. No real WHERE clause comes near it (DynamoDB's own bound is not
     * published; this one is Portico's).
     */
    static final int MAX_NESTING = 100;

    private final List<Token> tokens;
    private final List<AttributeValue> parameters;
    private int pos;
    private int nextParameter;
    private int nesting;

    private StatementParser(List<Token> tokens, List<AttributeValue> parameters) {
        this.tokens = tokens;
        this.parameters = parameters;
    }

    /** @throws TablesException {@code VALIDATION} for a statement outside the subset or a parameter count that differs */
    public static Statement parse(String text, List<AttributeValue> parameters) {
        StatementParser parser = new StatementParser(StatementLexer.tokens(text), parameters);
        Statement statement = parser.statement();
        parser.expectEnd();
        if (parser.nextParameter != parameters.size()) {
            throw TablesException.validation("Number of parameters in request and statement don't match.");
        }
        return statement;
    }

    private void enter() {
        if (++nesting > MAX_NESTING) {
            throw malformed("parentheses and NOT nest deeper than " + MAX_NESTING + " levels");
        }
    }

    static TablesException malformed(String detail) {
        return TablesException.validation(MALFORMED + detail);
    }

    private Statement statement() {
        if (keyword("SELECT")) {
            return select();
        }
        if (keyword("INSERT")) {
            expectKeyword("INTO");
            String table = name();
            expectKeyword("VALUE");
            AttributeValue value = value();
            if (!(value instanceof AttributeValue.M item)) {
                throw malformed("INSERT takes a tuple {...} as its VALUE");
            }
            return new Statement.Insert(table, item.values());
        }
        if (keyword("UPDATE")) {
            return update();
        }
        if (keyword("DELETE")) {
            expectKeyword("FROM");
            String table = name();
            expectKeyword("WHERE");
            return new Statement.Delete(table, condition());
        }
        throw malformed("unexpected token " + peek().text());
    }

    private Statement.Select select() {
        List<Path> projection = new ArrayList<>();
        if (!symbol("*")) {
            do {
                projection.add(path());
            } while (symbol(","));
        }
        expectKeyword("FROM");
        String table = name();
        Optional<String> index = symbol(".") ? Optional.of(name()) : Optional.empty();
        Optional<Condition> where = keyword("WHERE") ? Optional.of(condition()) : Optional.empty();
        return new Statement.Select(table, index, projection, where);
    }

    private Statement.Update update() {
        String table = name();
        List<UpdateAction> actions = new ArrayList<>();
        while (true) {
            if (keyword("SET")) {
                do {
                    Path path = path();
                    expectSymbol("=");
                    actions.add(new UpdateAction.Set(path, operand()));
                } while (symbol(","));
            } else if (keyword("REMOVE")) {
                do {
                    actions.add(new UpdateAction.Remove(path()));
                } while (symbol(","));
            } else {
                break;
            }
        }
        if (actions.isEmpty()) {
            throw malformed("UPDATE needs a SET or REMOVE clause");
        }
        expectKeyword("WHERE");
        return new Statement.Update(table, actions, condition());
    }

    private Condition condition() {
        Condition left = conjunction();
        while (keyword("OR")) {
            left = new Condition.Or(left, conjunction());
        }
        return left;
    }

    private Condition conjunction() {
        Condition left = negation();
        while (keyword("AND")) {
            left = new Condition.And(left, negation());
        }
        return left;
    }

    private Condition negation() {
        if (!keyword("NOT")) {
            return predicate();
        }
        enter();
        Condition negated = new Condition.Not(negation());
        nesting--;
        return negated;
    }

    private Condition predicate() {
        if (symbol("(")) {
            enter();
            Condition inner = condition();
            expectSymbol(")");
            nesting--;
            return inner;
        }
        if (peek().type() == Type.NAME && peekAt(1).isSymbol("(")) {
            return function();
        }
        Operand left = operand();
        if (keyword("IS")) {
            boolean not = keyword("NOT");
            expectKeyword("MISSING");
            Path path = pathOf(left);
            return not ? new Condition.AttributeExists(path) : new Condition.AttributeNotExists(path);
        }
        if (keyword("BETWEEN")) {
            Operand lower = operand();
            expectKeyword("AND");
            return new Condition.Between(left, lower, operand());
        }
        if (keyword("IN")) {
            String close = symbol("[") ? "]" : ")";
            if (close.equals(")")) {
                expectSymbol("(");
            }
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(operand());
            } while (symbol(","));
            expectSymbol(close);
            return new Condition.In(left, candidates);
        }
        return new Condition.Compare(comparator(), left, operand());
    }

    private Condition function() {
        String name = next().text().toLowerCase(Locale.ROOT);
        expectSymbol("(");
        Operand first = operand();
        expectSymbol(",");
        Operand second = operand();
        expectSymbol(")");
        return switch (name) {
            case "begins_with" -> new Condition.BeginsWith(first, second);
            case "contains" -> new Condition.Contains(first, second);
            default -> throw malformed("unsupported function " + name);
        };
    }

    private Comparator comparator() {
        Token token = next();
        return switch (token.type() == Type.SYMBOL ? token.text() : "") {
            case "=" -> Comparator.EQ;
            case "<>", "!=" -> Comparator.NE;
            case "<" -> Comparator.LT;
            case "<=" -> Comparator.LE;
            case ">" -> Comparator.GT;
            case ">=" -> Comparator.GE;
            default -> throw malformed("unexpected token " + token.text());
        };
    }

    /** A path, a literal or a parameter, with {@code +} and {@code -} (SET's arithmetic). */
    private Operand operand() {
        Operand left = term();
        while (true) {
            if (symbol("+")) {
                left = new Operand.Plus(left, term());
            } else if (symbol("-")) {
                left = new Operand.Minus(left, term());
            } else {
                return left;
            }
        }
    }

    private Operand term() {
        Token token = peek();
        boolean isName = token.type() == Type.QUOTED_NAME
                || token.type() == Type.NAME && !isLiteralKeyword(token);
        return isName ? new Operand.PathOf(path()) : new Operand.Literal(value());
    }

    private static boolean isLiteralKeyword(Token token) {
        return token.isKeyword("TRUE") || token.isKeyword("FALSE") || token.isKeyword("NULL");
    }

    /** A literal value: string, number, boolean, null, {@code ?}, tuple, list or set. */
    private AttributeValue value() {
        Token token = next();
        switch (token.type()) {
            case STRING:
                return new AttributeValue.S(token.text());
            case NUMBER:
                return AttributeValue.N.of(token.text());
            case PARAMETER:
                if (nextParameter >= parameters.size()) {
                    throw TablesException.validation("Number of parameters in request and statement don't match.");
                }
                return parameters.get(nextParameter++);
            case NAME:
                if (token.isKeyword("TRUE") || token.isKeyword("FALSE")) {
                    return token.isKeyword("TRUE") ? AttributeValue.BOOL.TRUE : AttributeValue.BOOL.FALSE;
                }
                if (token.isKeyword("NULL")) {
                    return AttributeValue.NULL.INSTANCE;
                }
                break;
            case SYMBOL:
                if (token.isSymbol("-") && peek().type() == Type.NUMBER) {
                    return AttributeValue.N.of("-" + next().text());
                }
                if (token.isSymbol("{")) {
                    return tuple();
                }
                if (token.isSymbol("[")) {
                    return new AttributeValue.L(values("]"));
                }
                if (token.isSymbol("<<")) {
                    return set(values(">>"));
                }
                break;
            default:
                break;
        }
        throw malformed("unexpected token " + token.text());
    }

    private AttributeValue.M tuple() {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        if (symbol("}")) {
            return new AttributeValue.M(values);
        }
        do {
            Token key = next();
            if (key.type() != Type.STRING && key.type() != Type.QUOTED_NAME) {
                throw malformed("a tuple's keys are strings: " + key.text());
            }
            expectSymbol(":");
            values.put(key.text(), value());
        } while (symbol(","));
        expectSymbol("}");
        return new AttributeValue.M(values);
    }

    private List<AttributeValue> values(String close) {
        List<AttributeValue> values = new ArrayList<>();
        if (symbol(close)) {
            return values;
        }
        do {
            values.add(value());
        } while (symbol(","));
        expectSymbol(close);
        return values;
    }

    /** {@code <<...>>}: a string, number or binary set, all members of one type. */
    private static AttributeValue set(List<AttributeValue> members) {
        if (!members.isEmpty() && members.stream().allMatch(AttributeValue.S.class::isInstance)) {
            Set<String> values = new LinkedHashSet<>();
            members.forEach(m -> values.add(((AttributeValue.S) m).value()));
            return new AttributeValue.SS(values);
        }
        if (!members.isEmpty() && members.stream().allMatch(AttributeValue.N.class::isInstance)) {
            Set<DynamoNumber> values = new LinkedHashSet<>();
            members.forEach(m -> values.add(((AttributeValue.N) m).value()));
            return new AttributeValue.NS(values);
        }
        if (!members.isEmpty() && members.stream().allMatch(AttributeValue.B.class::isInstance)) {
            Set<Bytes> values = new LinkedHashSet<>();
            members.forEach(m -> values.add(((AttributeValue.B) m).value()));
            return new AttributeValue.BS(values);
        }
        throw malformed("a set holds strings, numbers or binaries of one type");
    }

    private Path path() {
        List<Path.Element> elements = new ArrayList<>();
        elements.add(new Path.Key(name()));
        while (true) {
            if (peek().isSymbol(".") && peekAt(1).type() != Type.EOF) {
                next();
                elements.add(new Path.Key(name()));
            } else if (symbol("[")) {
                Token index = next();
                if (index.type() != Type.NUMBER) {
                    throw malformed("a list index is a number: " + index.text());
                }
                elements.add(new Path.Index(Integer.parseInt(index.text())));
                expectSymbol("]");
            } else {
                return new Path(elements);
            }
        }
    }

    private static Path pathOf(Operand operand) {
        if (operand instanceof Operand.PathOf path) {
            return path.path();
        }
        throw malformed("IS MISSING takes a path");
    }

    /** A table, index or attribute name: double-quoted, or a bare word. */
    private String name() {
        Token token = next();
        if (token.type() == Type.QUOTED_NAME || token.type() == Type.NAME) {
            return token.text();
        }
        throw malformed("expected a name, found " + token.text());
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token token = tokens.get(pos);
        if (token.type() != Type.EOF) {
            pos++;
        }
        return token;
    }

    private boolean keyword(String word) {
        if (peek().isKeyword(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean symbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String word) {
        if (!keyword(word)) {
            throw malformed("expected " + word + ", found " + peek().text());
        }
    }

    private void expectSymbol(String symbol) {
        if (!symbol(symbol)) {
            throw malformed("expected " + symbol + ", found " + peek().text());
        }
    }

    private void expectEnd() {
        if (peek().type() != Type.EOF) {
            throw malformed("unexpected token " + peek().text());
        }
    }
}
