package io.portico.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.arn.Arn;
import io.portico.core.model.Member;
import io.portico.core.model.Shape;
import io.portico.core.protocol.AwsError;
import io.portico.core.protocol.AwsErrorException;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps every call inside its caller's account: a request that names another account's resource of the
 * service it calls is refused as IAM refuses it, before the service sees it, whatever the protocol or the
 * call bus it came through.
 *
 * <p>Which members name resources comes from the model: a string member whose name or shape name ends in
 * {@code Arn} (or {@code ARN}), or whose shape's pattern admits an ARN ({@code FunctionName}, which takes
 * a name or an ARN). A value naming a resource of the service itself (an ARN whose service is the
 * service's ARN namespace) in another account is refused; ARNs of other services (an IAM role, a
 * dead-letter queue, an event target) are not the resource acted on and pass. A service whose members
 * name accounts in other ways (Lambda's partial ARNs {@code 123456789012:function:f}) supplies its own
 * reading through {@link AccountOf}.
 *
 * <p>Stateless; thread safe.
 */
public final class ResourceScope {

    /** The account a resource-naming value names, if any; the default reads full ARNs of {@code namespace}. */
    @FunctionalInterface
    public interface AccountOf {
        Optional<String> account(String value);

        static AccountOf arnsOf(String namespace) {
            return value -> Arn.parse(value).filter(arn -> arn.service().equals(namespace))
                    .map(Arn::account).filter(account -> !account.isEmpty());
        }
    }

    private ResourceScope() {
    }

    /**
     * Refuses {@code input} if it names another account's resource.
     *
     * @throws AwsErrorException {@code AccessDeniedException} in IAM's words
     */
    public static void check(ServiceApi api, String operation, Shape.Structure shape, JsonNode input, Caller caller) {
        walk(api, operation, shape, input, caller);
    }

    private static void walk(ServiceApi api, String operation, Shape shape, JsonNode value, Caller caller) {
        switch (shape) {
            case Shape.Structure s -> {
                for (Member member : s.members().values()) {
                    JsonNode v = value.get(member.name());
                    if (v == null || v.isNull()) {
                        continue;
                    }
                    if (member.shape() instanceof Shape.StringShape string && namesResource(member, string)) {
                        checkValue(api, operation, v.asText(), caller);
                    } else {
                        walk(api, operation, member.shape(), v, caller);
                    }
                }
            }
            case Shape.ListShape l -> {
                for (JsonNode item : value) {
                    walk(api, operation, l.member().shape(), item, caller);
                }
            }
            default -> {
            }
        }
    }

    private static void checkValue(ServiceApi api, String operation, String value, Caller caller) {
        Optional<String> account = api.accountOf().account(value);
        if (account.isPresent() && !account.get().equals(caller.account())) {
            throw new AwsErrorException(denied(api, operation, value, caller));
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
    static boolean namesResource(Member member, Shape.StringShape shape) {
        return endsWithArn(member.name()) || endsWithArn(shape.name())
                || shape.pattern().filter(p -> p.contains("arn:")).isPresent();
    }

    private static boolean endsWithArn(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith("arn");
    }
}
