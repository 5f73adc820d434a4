package io.portico.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A member of a structure (or the element of a list, the key or value of a map): its name, the shape it
 * has, and where it travels on the wire. The shape is looked up in the model on first use, since shapes
 * may refer to each other in cycles (a DynamoDB AttributeValue holds AttributeValues).
 *
 * <p>{@code locationName} is the member's name on the wire (a header, query parameter, URI label or
 * XML element) and defaults to {@link #name()}. {@link #notHonoured()} is Portico's own trait, set by a
 * module's overlay ({@code "portico:notHonoured": "<reason>"} on the member): the reason the module's
 * handler does not act on this input member. Immutable after the model is loaded; thread safe.
 */
public final class Member {
    private final String name;
    private final String target;
    private final Location location;
    private final Optional<String> locationName;
    private final boolean idempotencyToken;
    private final boolean flattened;
    private final Optional<String> notHonoured;
    private final Map<String, Shape> shapes;

    Member(String name, String target, Location location, Optional<String> locationName, boolean idempotencyToken,
            boolean flattened, Optional<String> notHonoured, Map<String, Shape> shapes) {
        this.name = name;
        this.target = target;
        this.location = location;
        this.locationName = locationName;
        this.idempotencyToken = idempotencyToken;
        this.flattened = flattened;
        this.notHonoured = notHonoured;
        this.shapes = shapes;
    }

    /** The member's name in the model, e.g. {@code FunctionName}. */
    public String name() {
        return name;
    }

    /** The member's shape. */
    public Shape shape() {
        return Objects.requireNonNull(shapes.get(target), () -> "shape " + target + " missing from the model");
    }

    public Location location() {
        return location;
    }

    /** The wire name: header, query parameter, URI label or XML element name. */
    public String wireName() {
        return locationName.orElse(name);
    }

    /** The wire name only when the model gives one (lists use it for their element name). */
    public Optional<String> locationName() {
        return locationName;
    }

    /** Whether SDKs fill this member with a fresh token when the caller leaves it out. */
    public boolean idempotencyToken() {
        return idempotencyToken;
    }

    /** Whether a list or map in this member is written without its wrapper element (XML, query). */
    public boolean flattened() {
        return flattened || switch (shape()) {
            case Shape.ListShape list -> list.flattened();
            case Shape.MapShape map -> map.flattened();
            default -> false;
        };
    }

    /**
     * Why the service's handler ignores this input member, when its module says so in its overlay; empty for
     * a member the handler honours. The docs' "not honoured" lists and the member coverage tests read it.
     */
    public Optional<String> notHonoured() {
        return notHonoured;
    }

    @Override
    public String toString() {
        return name + ":" + target;
    }
}
