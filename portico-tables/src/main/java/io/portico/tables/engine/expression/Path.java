package io.portico.tables.engine.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * A document path with every placeholder already replaced: an attribute name, then map keys and list
 * indexes ({@code a.b[2].c}). Immutable.
 */
public record Path(List<Element> elements) {

    /** One step of a path. */
    public sealed interface Element {}

    /** A map key (or, first, the attribute's name). */
    public record Key(String name) implements Element {}

    /** A list index. */
    public record Index(int index) implements Element {}

    public Path {
        if (elements.isEmpty() || !(elements.get(0) instanceof Key)) {
            throw new IllegalArgumentException("a path starts with an attribute name");
        }
        elements = List.copyOf(elements);
    }

    /** A top-level attribute. */
    public static Path attribute(String name) {
        return new Path(List.of(new Key(name)));
    }

    /** The attribute this path starts at. */
    public String attribute() {
        return ((Key) elements.get(0)).name();
    }

    public boolean isNested() {
        return elements.size() > 1;
    }

    /** DynamoDB's rendering in its messages: {@code [a, b, [2]]}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Element element : elements) {
            parts.add(switch (element) {
                case Key key -> key.name();
                case Index index -> "[" + index.index() + "]";
            });
        }
        return "[" + String.join(", ", parts) + "]";
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Element element : elements) {
            switch (element) {
                case Key key -> text.append(text.isEmpty() ? "" : ".").append(key.name());
                case Index index -> text.append('[').append(index.index()).append(']');
            }
        }
        return text.toString();
    }
}
