package io.portico.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.arn.Arn;
import io.portico.core.model.Member;
import io.portico.core.model.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps every call inside its caller's account and region: a request that names a resource of the
 * service it calls in another account is refused as IAM refuses it, and one in another region as the
 * service answers for a region it is not, before the service sees either, whatever the protocol or the
 * call bus it came through.
 *
 * <p>Which members name resources is read from the model, since C2J models carry no explicit ARN
 * trait: a string member whose name or shape name ends in {@code Arn} (or {@code ARN}), or whose shape's
 * pattern admits an ARN ({@code FunctionName}, which takes a name or an ARN), wherever it sits: top level,
 * nested structures, list elements, map values and map keys (DynamoDB's batches key their RequestItems by
 * {@code TableArn}). A value naming a resource of the service itself (an
 * ARN in the service's namespace) outside the caller's account or region is refused; ARNs of other
 * services (an IAM role, a dead-letter queue, an event target) are not the resource acted on and pass. A
 * service whose members name owners in other ways (Lambda's partial ARNs {@code 123456789012:function:f})
 * supplies its own reading through {@link OwnerOf}. {@link #resourceMembers} lists what the rule picks
 * for an operation, so a test can pin it.
 *
 * <p>Which members name resources is worked out once per operation, when the service is built (a
 * {@link Plan}); a call then visits only those members. Thread safe.
 */
public final class ResourceScope {

    /** The account, and the region when the value names one, of the resource a value names. */
    public record Owner(String account, Optional<String> region) {
    }

    /** A value of a request that names a resource of the service, and the owner it names. */
    public record Named(String value, Owner owner) {
    }

    /** Reads the owner a resource-naming value names, if it names one; the default reads full ARNs. */
    @FunctionalInterface
    public interface OwnerOf {
        Optional<Owner> owner(String value);

        /** Full ARNs of {@code namespace}, e.g. {@code arn:aws:states:us-east-1:123456789012:stateMachine:m}. */
        static OwnerOf arnsOf(String namespace) {
            return value -> Arn.parse(value).filter(arn -> arn.service().equals(namespace) && !arn.account().isEmpty())
                    .map(arn -> new Owner(arn.account(),
                            arn.region().isEmpty() ? Optional.empty() : Optional.of(arn.region())));
        }
    }

    /** How a service answers a resource of its own in another region of the caller's account. */
    @FunctionalInterface
    public interface OtherRegion {
        AwsError answer(String operation, String resource, String resourceRegion, Caller caller);
    }

    private ResourceScope() {
    }

    /**
     * Refuses a request naming a resource of another account: IAM's refusal, which comes before
     * anything else is looked at.
     *
     * @throws AwsErrorException IAM's {@code AccessDeniedException}
     */
    public static void checkAccounts(ServiceApi api, String operation, List<Named> named, Caller caller) {
        for (Named n : named) {
            if (!n.owner().account().equals(caller.account())) {
                throw new AwsErrorException(denied(api, operation, n.value(), caller));
            }
        }
    }

    /**
     * Refuses a request naming a resource of the caller's account in another region: the service's own
     * answer, which (AWS's recordings show) comes after the request is validated.
     *
     * @throws AwsErrorException the service's answer for another region
     */
    public static void checkRegions(ServiceApi api, String operation, List<Named> named, Caller caller) {
        for (Named n : named) {
            Optional<String> region = n.owner().region().filter(r -> !r.equals(caller.region()));
            if (region.isPresent()) {
                throw new AwsErrorException(api.otherRegion().answer(operation, n.value(), region.get(), caller));
            }
        }
    }

    /** The dotted paths of the members of {@code shape} that name resources (list elements as {@code []}). */
    public static List<String> resourceMembers(Shape.Structure shape) {
        return Plan.of(shape).paths();
    }

    /**
     * The members of one input shape that name resources, as a tree holding only the branches that lead
     * to one: worked out once, so that a call walks those members alone. Immutable.
     */
    public static final class Plan {
        /**
         * How deep the plan follows nested shapes: recursive ones (a DynamoDB AttributeValue) would never
         * end, and name no resources. A resource member deeper than this is neither listed nor checked.
         */
        private static final int MAX_DEPTH = 8;
        private static final Plan NONE = new Plan(Optional.empty());

        private final Optional<Node> root;

        private Plan(Optional<Node> root) {
            this.root = root;
        }

        /** The plan of {@code shape}. */
        public static Plan of(Shape.Structure shape) {
            Optional<Node> root = node(shape, 0);
            return root.isEmpty() ? NONE : new Plan(root);
        }

        /** The resource-naming string values in {@code input}, in model order. */
        public List<String> values(JsonNode input) {
            if (root.isEmpty()) {
                return List.of();
            }
            List<String> out = new ArrayList<>(1);
            collect(root.get(), input, out);
            return out;
        }

        List<String> paths() {
            List<String> out = new ArrayList<>();
            root.ifPresent(node -> paths(node, "", out));
            return out;
        }

        private sealed interface Node {
        }

        /** A string that names a resource. */
        private record Text() implements Node {
        }

        private record Field(String name, Node node) {
        }

        /** A structure's members that lead to one. */
        private record Fields(List<Field> fields) implements Node {
        }

        /** A list's elements. */
        private record Items(Node element) implements Node {
        }

        /** A map's keys when they name resources, and its values when they lead to one. */
        private record Entries(boolean keys, Optional<Node> values) implements Node {
        }

        private static Optional<Node> node(Shape shape, int depth) {
            if (depth > MAX_DEPTH) {
                return Optional.empty();
            }
            return switch (shape) {
                case Shape.Structure s -> {
                    List<Field> fields = new ArrayList<>();
                    for (Member member : s.members().values()) {
                        memberNode(member, depth).ifPresent(n -> fields.add(new Field(member.name(), n)));
                    }
                    yield fields.isEmpty() ? Optional.empty() : Optional.of(new Fields(List.copyOf(fields)));
                }
                case Shape.ListShape l -> memberNode(l.member(), depth).map(Items::new);
                case Shape.MapShape m -> {
                    boolean keys = m.key().shape() instanceof Shape.StringShape && namesResource(m.key());
                    Optional<Node> values = memberNode(m.value(), depth);
                    yield keys || values.isPresent() ? Optional.of(new Entries(keys, values)) : Optional.empty();
                }
                default -> Optional.empty();
            };
        }

        private static Optional<Node> memberNode(Member member, int depth) {
            if (member.shape() instanceof Shape.StringShape) {
                return namesResource(member) ? Optional.of(new Text()) : Optional.empty();
            }
            return node(member.shape(), depth + 1);
        }

        private static void collect(Node node, JsonNode value, List<String> out) {
            switch (node) {
                case Text text -> {
                    if (value.isTextual()) {
                        out.add(value.textValue());
                    }
                }
                case Fields f -> {
                    for (Field field : f.fields()) {
                        JsonNode v = value.get(field.name());
                        if (v != null && !v.isNull()) {
                            collect(field.node(), v, out);
                        }
                    }
                }
                case Items items -> {
                    if (value.isArray()) {
                        value.forEach(item -> collect(items.element(), item, out));
                    }
                }
                case Entries entries -> {
                    if (value.isObject()) {
                        for (var entry : value.properties()) {
                            if (entries.keys()) {
                                out.add(entry.getKey());
                            }
                            entries.values().ifPresent(v -> collect(v, entry.getValue(), out));
                        }
                    }
                }
            }
        }

        private static void paths(Node node, String path, List<String> out) {
            switch (node) {
                case Text text -> out.add(path);
                case Fields f -> f.fields().forEach(field ->
                        paths(field.node(), path.isEmpty() ? field.name() : path + "." + field.name(), out));
                case Items items -> paths(items.element(), path + "[]", out);
                case Entries entries -> {
                    if (entries.keys()) {
                        out.add(path + "{key}");
                    }
                    entries.values().ifPresent(v -> paths(v, path + "{}", out));
                }
            }
        }
    }

    /** IAM's refusal: the caller has no policy allowing the action on another account's resource. */
    static AwsError denied(ServiceApi api, String operation, String resource, Caller caller) {
        String action = api.model().signingName() + ":" + operation;
        int status = api.model().protocol().isRest() ? 403 : 400;
        return new AwsError("AccessDeniedException", status, "User: " + caller.principalArn()
                + " is not authorized to perform: " + action + " on resource: " + resource
                + " because no resource-based policy allows the " + action + " action");
    }

    /** Whether a string member names a resource, as its name, its shape's name or its pattern says. */
    static boolean namesResource(Member member) {
        Shape.StringShape shape = (Shape.StringShape) member.shape();
        return endsWithArn(member.name()) || endsWithArn(shape.name())
                || shape.pattern().filter(p -> p.contains("arn:")).isPresent();
    }

    private static boolean endsWithArn(String name) {
        return name.endsWith("Arn") || name.endsWith("ARN") || name.endsWith("arn");
    }
}
