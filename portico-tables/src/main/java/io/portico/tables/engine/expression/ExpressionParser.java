package io.portico.tables.engine.expression;

import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.Token.Type;
import io.portico.tables.engine.value.AttributeValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the three parsers share: a cursor over the tokens, DynamoDB's syntax error, paths and placeholders,
 * and the collection of semantic problems.
 *
 * <p>A syntax error stops the parse at once. Semantic problems (an undefined placeholder, a reserved word,
 * a function misused) do not: DynamoDB reports only one, chosen by kind before position, so the parser
 * notes the first of each {@link Problem} and, once the whole expression has parsed, throws the one that
 * comes first in its kind's precedence. The syntax error names the token the grammar could not take and
 * the text around it, from the token before to the token after ({@code Syntax error; token: ":", near:
 * "hits : incr"}); at the end of the input the token is {@code <EOF>} and the text is the last token.
 */
abstract class ExpressionParser {
    final ExpressionKind kind;
    private final String source;
    private final List<Token> tokens;
    private final ExpressionAttributes attributes;
    private final Map<Problem, String> problems = new EnumMap<>(Problem.class);
    private int pos;

    ExpressionParser(ExpressionKind kind, String source, ExpressionAttributes attributes) {
        this.kind = kind;
        this.source = source;
        this.tokens = Lexer.tokens(source);
        this.attributes = attributes;
    }

    /** DynamoDB's limit on an expression's length (AWS, "Constraints": 4 KB). */
    static final int MAX_EXPRESSION_BYTES = 4096;

    /** Refuses an empty, blank or too long expression. */
    final void requireText() {
        if (source.isBlank()) {
            throw TablesException.validation(kind.invalid("The expression can not be empty;"));
        }
        int bytes = source.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_EXPRESSION_BYTES) {
            // also what bounds the parser's recursion: 4 KB of parentheses nest a few thousand frames at most
            throw TablesException.validation(kind.invalid(
                    "Expression size has exceeded the maximum allowed size; expression size: " + bytes));
        }
    }

    final Token peek() {
        return tokens.get(pos);
    }

    final Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    final Token next() {
        Token token = tokens.get(pos);
        if (token.type() != Type.EOF) {
            pos++;
        }
        return token;
    }

    final boolean at(Type type) {
        return peek().is(type);
    }

    final boolean atKeyword(String word) {
        return peek().isKeyword(word);
    }

    final Token expect(Type type) {
        if (!at(type)) {
            throw syntaxError();
        }
        return next();
    }

    final void expectKeyword(String word) {
        if (!atKeyword(word)) {
            throw syntaxError();
        }
        next();
    }

    final void expectEnd() {
        if (!at(Type.EOF)) {
            throw syntaxError();
        }
    }

    /** DynamoDB's syntax error at the current token. */
    final TablesException syntaxError() {
        Token token = peek();
        int from = pos > 0 ? tokens.get(pos - 1).start() : token.start();
        int to;
        if (token.is(Type.EOF)) {
            to = pos > 0 ? tokens.get(pos - 1).end() : token.end();
        } else {
            Token after = tokens.get(pos + 1);
            to = after.is(Type.EOF) ? token.end() : after.end();
        }
        return TablesException.validation(kind.invalid(
                "Syntax error; token: \"" + token.text() + "\", near: \"" + source.substring(from, to) + "\""));
    }

    /**
     * Runs {@code alternative} and returns its result, or, when it meets a syntax error, puts the cursor and
     * the problems noted back as they were and returns empty (an ordered choice, as in a PEG grammar).
     */
    final <T> Optional<T> attempt(Supplier<T> alternative) {
        int mark = pos;
        Map<Problem, String> noted = new EnumMap<>(Problem.class);
        noted.putAll(problems);
        try {
            return Optional.of(alternative.get());
        } catch (TablesException syntaxError) {
            pos = mark;
            problems.clear();
            problems.putAll(noted);
            return Optional.empty();
        }
    }

    /** Notes a problem; only the first of each kind counts. */
    final void problem(Problem problem, String message) {
        problems.putIfAbsent(problem, message);
    }

    /** The message noted for {@code problem}, if any. */
    final Optional<String> noted(Problem problem) {
        return Optional.ofNullable(problems.get(problem));
    }

    /** Throws the problem DynamoDB would report, if any, taking the kinds in {@code precedence} order. */
    final void reportProblems(List<Problem> precedence) {
        for (Problem problem : precedence) {
            String message = problems.get(problem);
            if (message != null) {
                throw TablesException.validation(kind.invalid(message));
            }
        }
    }

    final boolean atPathStart() {
        return at(Type.NAME) || at(Type.NAME_REF);
    }

    /** A document path: a name or {@code #name}, then {@code .name}, {@code .#name} or {@code [n]} steps. */
    final Path path() {
        List<Path.Element> elements = new ArrayList<>();
        elements.add(new Path.Key(pathName()));
        while (at(Type.DOT) || at(Type.LBRACKET)) {
            if (next().is(Type.DOT)) {
                elements.add(new Path.Key(pathName()));
            } else {
                Token index = expect(Type.NUMBER);
                expect(Type.RBRACKET);
                elements.add(new Path.Index(index(index.text())));
            }
        }
        return new Path(elements);
    }

    private String pathName() {
        Token token = peek();
        if (token.is(Type.NAME)) {
            next();
            if (ReservedWords.isReserved(token.text())) {
                problem(Problem.RESERVED_WORD, "Attribute name is a reserved keyword; reserved keyword: " + token.text());
            }
            return token.text();
        }
        if (token.is(Type.NAME_REF)) {
            next();
            return attributes.name(token.text()).orElseGet(() -> {
                problem(Problem.UNDEFINED_NAME,
                        "An expression attribute name used in the document path is not defined; attribute name: "
                                + token.text());
                return token.text();
            });
        }
        throw syntaxError();
    }

    /** The value a {@code :placeholder} stands for; an undefined one is noted as {@code problem}. */
    final AttributeValue value(Token placeholder, Problem problem) {
        return attributes.value(placeholder.text()).orElseGet(() -> {
            problem(problem, "An expression attribute value used in expression is not defined; attribute value: "
                    + placeholder.text());
            return AttributeValue.NULL.INSTANCE;
        });
    }

    /** Notes overlapping or conflicting paths among {@code paths}, as update and projection refuse them. */
    final void checkDistinctPaths(List<Path> paths) {
        for (int i = 1; i < paths.size(); i++) {
            for (int j = 0; j < i; j++) {
                comparePaths(paths.get(j), paths.get(i));
            }
        }
    }

    private void comparePaths(Path one, Path two) {
        List<Path.Element> a = one.elements();
        List<Path.Element> b = two.elements();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (a.get(i).getClass() != b.get(i).getClass()) {
                problem(Problem.PATH_CONFLICT, "Two document paths conflict with each other; must remove or rewrite "
                        + "one of these paths; path one: " + one.describe() + ", path two: " + two.describe());
                return;
            }
            if (!a.get(i).equals(b.get(i))) {
                return;
            }
        }
        problem(Problem.PATH_OVERLAP, "Two document paths overlap with each other; must remove or rewrite one of "
                + "these paths; path one: " + one.describe() + ", path two: " + two.describe());
    }

    private static int index(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException tooLarge) {
            return Integer.MAX_VALUE;   // past any list's end, which is what such an index means
        }
    }
}
