package io.portico.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.arn.Arn;
import io.portico.core.model.Member;
import io.portico.core.model.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every call inside its caller's account and region: a request that names a resource of the
 * service it calls in another account is refused as IAM refuses it, and one in another region as the
 * service answers for a region it is not, before the service sees either, whatever the protocol or the
 * call bus it came through.
 *
 * <p>Which members name resources is read from the model, since C2J models carry no explicit ARN
 * trait: a string member whose name or shape name ends in {@code Arn} (or {@code ARN}), or whose shape's
 * pattern admits an ARN ({@code FunctionName}, which takes a name or an ARN), wherever it sits: top level,
 * nested structures, list elements and map values. A value naming a resource of the service itself (an
 * ARN in the service's namespace) outside the caller's account or region is refused; ARNs of other
 * services (an IAM role, a dead-letter queue, an event target) are not the resource acted on and pass. A
 * service whose members name owners in other ways (Lambda's partial ARNs {@code 123456789012:function:f})
 * supplies its own reading through {@link OwnerOf}. {@link #resourceMembers} lists what the rule picks
 * for an operation, so a test can pin it.
 *
 * <p>Which members name resources is worked out once per member and cached. Thread safe.
 */
public final class ResourceScope {
    private static final Map<Member, Boolean> NAMES_RESOURCE = new ConcurrentHashMap<>();

    /** The account, and the region when the value names one, of the resource a value names. */
    public record Owner(String account, Optional<String> region) {
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
     * Refuses {@code input} if it names a resource of another account: IAM's refusal, which comes before
     * anything else is looked at.
     *
     * @throws AwsErrorException IAM's {@code AccessDeniedException}
     */
    public static void checkAccounts(ServiceApi api, String operation, Shape.Structure shape, JsonNode input,
            Caller caller) {
        walk(shape, input, value -> api.ownerOf().owner(value)
                .filter(owner -> !owner.account().equals(caller.account()))
                .ifPresent(owner -> {
                    throw new AwsErrorException(denied(api, operation, value, caller));
                }));
    }

    /**
     * Refuses {@code input} if it names a resource of the caller's account in another region: the
     * service's own answer, which (AWS's recordings show) comes after the request is validated.
     *
     * @throws AwsErrorException the service's answer for another region
     */
    public static void checkRegions(ServiceApi api, String operation, Shape.Structure shape, JsonNode input,
            Caller caller) {
        walk(shape, input, value -> api.ownerOf().owner(value).flatMap(Owner::region)
                .filter(region -> !region.equals(caller.region()))
                .ifPresent(region -> {
                    throw new AwsErrorException(api.otherRegion().answer(operation, value, region, caller));
                }));
    }

    /** The dotted paths of the members of {@code shape} that name resources (list elements as {@code []}). */
    public static List<String> resourceMembers(Shape.Structure shape) {
        List<String> out = new ArrayList<>();
        collect(shape, "", out, 0);
        return out;
    }

    private interface Visitor {
        void resource(String value);
    }

    private static void walk(Shape shape, JsonNode value, Visitor visitor) {
        switch (shape) {
            case Shape.Structure s -> {
                for (Member member : s.members().values()) {
                    JsonNode v = value.get(member.name());
                    if (v != null && !v.isNull()) {
                        visitMember(member, v, visitor);
                    }
                }
            }
            case Shape.ListShape l -> {
                for (JsonNode item : value) {
                    visitMember(l.member(), item, visitor);
                }
            }
            case Shape.MapShape m -> {
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    visitMember(m.value(), entry.getValue(), visitor);
                }
            }
            default -> {
            }
        }
    }

    private static void visitMember(Member member, JsonNode value, Visitor visitor) {
        if (member.shape() instanceof Shape.StringShape) {
            if (value.isTextual() && namesResource(member)) {
                visitor.resource(value.textValue());
            }
            return;
        }
        walk(member.shape(), value, visitor);
    }

    private static void collect(Shape shape, String path, List<String> out, int depth) {
        if (depth > 8) {
            return; // recursive shapes (a DynamoDB AttributeValue) name no resources below this
        }
        switch (shape) {
            case Shape.Structure s -> s.members().values().forEach(m ->
                    collectMember(m, path.isEmpty() ? m.name() : path + "." + m.name(), out, depth));
            case Shape.ListShape l -> collectMember(l.member(), path + "[]", out, depth);
            case Shape.MapShape m -> collectMember(m.value(), path + "{}", out, depth);
            default -> {
            }
        }
    }

    private static void collectMember(Member member, String path, List<String> out, int depth) {
        if (member.shape() instanceof Shape.StringShape) {
            if (namesResource(member)) {
                out.add(path);
            }
            return;
        }
        collect(member.shape(), path, out, depth + 1);
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
        return NAMES_RESOURCE.computeIfAbsent(member, m -> {
            Shape.StringShape shape = (Shape.StringShape) m.shape();
            return endsWithArn(m.name()) || endsWithArn(shape.name())
                    || shape.pattern().filter(p -> p.contains("arn:")).isPresent();
        });
    }

    private static boolean endsWithArn(String name) {
        return name.endsWith("Arn") || name.endsWith("ARN") || name.endsWith("arn");
    }
}
