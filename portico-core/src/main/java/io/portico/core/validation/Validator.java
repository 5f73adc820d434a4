package io.portico.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.portico.core.model.Member;
import io.portico.core.model.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a decoded request against its input shape as AWS's front ends do, before any service code
 * runs, and reports every broken constraint in AWS's order: members in model order, depth first.
 *
 * <p>How AWS reports each kind (learned from recorded AWS answers, see the tests): a missing required
 * member is {@code Value null at 'm' ... Member must not be null}; a scalar reports each constraint it
 * breaks; a list or map reports its own size first. An element of a list of scalars that breaks a
 * constraint is reported once for the whole list with every constraint of the element shape
 * ({@code Member must satisfy constraint: [...]}); a map key or value likewise ({@code Map keys must
 * satisfy constraint: [...]}, {@code Map value must satisfy constraint: [..., Member must not be null]});
 * structures inside lists and maps are checked member by member under {@code list.1.member.} and
 * {@code map.key.member.} paths. Member names in paths start lower case, as AWS's bound Java objects
 * name them.
 *
 * <p>The value is assumed to be well typed (the protocol's decoder checked that). Stateless; thread safe.
 */
public final class Validator {

    private Validator() {
    }

    /** The violations of {@code value} against {@code shape}; {@code pathPrefix} is prepended to every path. */
    public static ValidationReport validate(Shape.Structure shape, JsonNode value, String pathPrefix) {
        List<Violation> out = new ArrayList<>();
        structure(shape, value, pathPrefix, out);
        return new ValidationReport(out);
    }

    private static void structure(Shape.Structure shape, JsonNode value, String prefix, List<Violation> out) {
        for (Member member : shape.members().values()) {
            JsonNode v = value.get(member.name());
            if (v == null || v.isNull()) {
                if (shape.required().contains(member.name())) {
                    out.add(new Violation(path(prefix, member), Optional.of(Values.NULL), Constraints.NOT_NULL));
                }
                continue;
            }
            if (isAggregate(member.shape())) {
                check(member.shape(), v, path(prefix, member), out);
                continue;
            }
            // A scalar's path is built only when it breaks a constraint: every request checks every member.
            List<String> broken = Constraints.broken(member.shape(), v);
            if (!broken.isEmpty()) {
                String path = path(prefix, member);
                broken.forEach(constraint -> out.add(new Violation(path, printed(member.shape(), v), constraint)));
            }
        }
    }

    /** Structures, lists and maps are checked member by member; scalars against their constraints. */
    private static boolean isAggregate(Shape shape) {
        return shape instanceof Shape.Structure || shape instanceof Shape.ListShape || shape instanceof Shape.MapShape;
    }

    private static String path(String prefix, Member member) {
        return prefix + Values.pathName(member.name());
    }

    private static void check(Shape shape, JsonNode value, String path, List<Violation> out) {
        switch (shape) {
            case Shape.Structure s -> structure(s, value, path + ".", out);
            case Shape.ListShape l -> list(l, value, path, out);
            case Shape.MapShape m -> map(m, value, path, out);
            default -> Constraints.broken(shape, value)
                    .forEach(constraint -> out.add(new Violation(path, printed(shape, value), constraint)));
        }
    }

    private static void list(Shape.ListShape list, JsonNode value, String path, List<Violation> out) {
        Constraints.length(value.size(), list.min(), list.max())
                .ifPresent(c -> out.add(new Violation(path, printed(list, value), c)));
        Shape element = list.member().shape();
        if (isAggregate(element)) {
            for (int i = 0; i < value.size(); i++) {
                check(element, value.get(i), path + "." + (i + 1) + ".member", out);
            }
            return;
        }
        boolean broken = false;
        for (JsonNode item : value) {
            broken |= item.isNull() || !Constraints.broken(element, item).isEmpty();
        }
        if (broken) {
            List<String> all = Constraints.all(element);
            if (list.elementNotNull()) {
                all.add(Constraints.NOT_NULL);
            }
            out.add(new Violation(path, printed(list, value),
                    "Member must satisfy constraint: [" + String.join(", ", all) + "]"));
        }
    }

    private static void map(Shape.MapShape map, JsonNode value, String path, List<Violation> out) {
        Constraints.length(value.size(), map.min(), map.max())
                .ifPresent(c -> out.add(new Violation(path, printed(map, value), c)));
        Shape key = map.key().shape();
        Shape element = map.value().shape();
        boolean badKey = false;
        boolean badValue = false;
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            badKey |= !Constraints.broken(key, TextNode.valueOf(e.getKey())).isEmpty();
            if (isAggregate(element)) {
                if (!e.getValue().isNull()) {
                    check(element, e.getValue(), path + "." + e.getKey() + ".member", out);
                }
            } else {
                badValue |= e.getValue().isNull() || !Constraints.broken(element, e.getValue()).isEmpty();
            }
        }
        if (badKey) {
            out.add(new Violation(path, printed(map, value),
                    "Map keys must satisfy constraint: [" + String.join(", ", Constraints.all(key)) + "]"));
        }
        if (badValue) {
            List<String> all = Constraints.all(element);
            all.add(Constraints.NOT_NULL);
            out.add(new Violation(path, printed(map, value),
                    "Map value must satisfy constraint: [" + String.join(", ", all) + "]"));
        }
    }

    private static Optional<String> printed(Shape shape, JsonNode value) {
        return shape.sensitive() ? Optional.empty() : Optional.of(Values.print(shape, value));
    }
}
