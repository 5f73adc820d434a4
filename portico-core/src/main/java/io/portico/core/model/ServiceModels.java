package io.portico.core.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads service models from the class path: {@code aws-models/<uid>-model.json}, unpacked at build time
 * from AWS's {@code aws-java-sdk-models} artifact by the module that serves the service, and merged with
 * an optional overlay {@code aws-models/<uid>.overlay.json} kept in the module's sources.
 *
 * <p>An overlay is a partial model merged over AWS's: objects merge member by member, anything else
 * replaces. It adds members or operations newer than the 2024 snapshot, or records how AWS's service
 * behaves where the model is silent (the order in which AWS prints an enumeration, a list whose elements
 * AWS reports as "must not be null"), or says which input members the module's handlers do not act on
 * ({@value #NOT_HONOURED} on the member, see {@link Member#notHonoured()}). Each overlay names the AWS
 * document or recording it follows in its {@code _source} field. Documentation text is ignored.
 *
 * <p>Models are loaded once per class path resource and cached. Thread safe.
 */
public final class ServiceModels {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceModels.class);
    private static final Map<String, ServiceModel> CACHE = new ConcurrentHashMap<>();
    /** The overlay trait on an input member that its handler ignores; its value says why. */
    public static final String NOT_HONOURED = "portico:notHonoured";
    /**
     * The overlay's metadata member giving the namespaces AWS prints before an error code in a JSON
     * {@code __type} (see {@link ServiceModel#errorType}): an object from code to namespace, with
     * {@value ServiceModel#DECLARED_ERRORS} for every error the model declares.
     */
    public static final String ERROR_NAMESPACES = "portico:errorNamespaces";

    private ServiceModels() {
    }

    /**
     * The model with this uid, e.g. {@code states-2016-11-23}.
     *
     * @throws IllegalStateException if the model is not on the class path (the module did not unpack it)
     */
    public static ServiceModel load(String uid) {
        return CACHE.computeIfAbsent(uid, ServiceModels::read);
    }

    private static ServiceModel read(String uid) {
        ObjectNode model = resource("aws-models/" + uid + "-model.json", Json.mapper().reader())
                .orElseThrow(() -> new IllegalStateException("AWS model " + uid + " is not on the class path"));
        // An overlay is written by hand: a shape named twice would silently lose the first entry.
        resource("aws-models/" + uid + ".overlay.json",
                Json.mapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
                .ifPresent(overlay -> merge(model, overlay));
        return build(uid, model);
    }

    private static Optional<ObjectNode> resource(String name, ObjectReader reader) {
        try (InputStream in = ServiceModels.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of((ObjectNode) reader.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** Deep merge: objects member by member; arrays and scalars of the overlay replace. */
    static void merge(ObjectNode target, JsonNode overlay) {
        overlay.properties().forEach(e -> {
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode object && e.getValue().isObject()) {
                merge(object, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
    }

    static ServiceModel build(String uid, JsonNode model) {
        JsonNode meta = model.path("metadata");
        Map<String, Shape> shapes = new HashMap<>();
        model.path("shapes").properties().forEach(e -> shapes.put(e.getKey(), shape(e.getKey(), e.getValue(), shapes)));
        Map<String, OperationModel> operations = new LinkedHashMap<>();
        model.path("operations").properties().forEach(e -> operations.put(e.getKey(), operation(e.getValue(), shapes)));
        String endpointPrefix = meta.path("endpointPrefix").asText();
        return new ServiceModel(uid, meta.path("serviceId").asText(endpointPrefix),
                meta.path("signingName").asText(endpointPrefix), text(meta, "targetPrefix"),
                Protocol.of(meta.path("protocol").asText(), meta.path("jsonVersion").asText(null)),
                meta.path("apiVersion").asText(), text(meta, "xmlNamespace"), errorNamespaces(meta),
                Collections.unmodifiableMap(operations),
                Collections.unmodifiableMap(shapes));
    }

    private static Map<String, String> errorNamespaces(JsonNode meta) {
        Map<String, String> namespaces = new HashMap<>();
        meta.path(ERROR_NAMESPACES).properties().forEach(e -> namespaces.put(e.getKey(), e.getValue().asText()));
        return Map.copyOf(namespaces);
    }

    private static OperationModel operation(JsonNode op, Map<String, Shape> shapes) {
        JsonNode http = op.path("http");
        return new OperationModel(op.path("name").asText(), http.path("method").asText("POST"),
                UriTemplate.parse(http.path("requestUri").asText("/")), http.path("responseCode").asInt(200),
                structure(op.path("input"), shapes), structure(op.path("output"), shapes),
                op.path("errors").valueStream().map(e -> structure(e, shapes)).flatMap(Optional::stream).toList(),
                text(op.path("endpoint"), "hostPrefix"), text(op.path("output"), "resultWrapper"),
                text(op.path("input").path("xmlNamespace"), "uri"));
    }

    private static Optional<Shape.Structure> structure(JsonNode ref, Map<String, Shape> shapes) {
        return text(ref, "shape").map(shapes::get).filter(Shape.Structure.class::isInstance)
                .map(Shape.Structure.class::cast);
    }

    private static Shape shape(String name, JsonNode s, Map<String, Shape> shapes) {
        boolean sensitive = s.path("sensitive").asBoolean(false);
        return switch (s.path("type").asText()) {
            case "structure" -> new Shape.Structure(name, members(s.path("members"), shapes),
                    Collections.unmodifiableSet(new LinkedHashSet<>(strings(s.path("required")))),
                    text(s, "payload"), errorTrait(name, s), sensitive);
            case "list" -> new Shape.ListShape(name, member("member", s.path("member"), shapes), bound(s, "min"),
                    bound(s, "max"), s.path("flattened").asBoolean(false), sensitive,
                    s.path("portico:elementNotNull").asBoolean(false));
            case "map" -> new Shape.MapShape(name, member("key", s.path("key"), shapes),
                    member("value", s.path("value"), shapes), bound(s, "min"), bound(s, "max"),
                    s.path("flattened").asBoolean(false), sensitive);
            case "string" -> new Shape.StringShape(name, bound(s, "min"), bound(s, "max"), text(s, "pattern"),
                    text(s, "pattern").flatMap(p -> compile(name, p)), strings(s.path("enum")), sensitive);
            case "integer" -> number(name, Shape.NumberKind.INTEGER, s, sensitive);
            case "long" -> number(name, Shape.NumberKind.LONG, s, sensitive);
            case "double" -> number(name, Shape.NumberKind.DOUBLE, s, sensitive);
            case "float" -> number(name, Shape.NumberKind.FLOAT, s, sensitive);
            case "boolean" -> new Shape.BooleanShape(name, sensitive);
            case "timestamp" -> new Shape.TimestampShape(name, text(s, "timestampFormat"), sensitive);
            case "blob" -> new Shape.BlobShape(name, bound(s, "min"), bound(s, "max"),
                    s.path("streaming").asBoolean(false), sensitive);
            default -> throw new IllegalStateException("unknown shape type " + s.path("type") + " of " + name);
        };
    }

    private static Map<String, Member> members(JsonNode members, Map<String, Shape> shapes) {
        Map<String, Member> out = new LinkedHashMap<>();
        members.properties().forEach(e -> out.put(e.getKey(), member(e.getKey(), e.getValue(), shapes)));
        return Collections.unmodifiableMap(out);
    }

    private static Member member(String name, JsonNode m, Map<String, Shape> shapes) {
        return new Member(name, m.path("shape").asText(), Location.of(m.path("location").asText(null)),
                text(m, "locationName"), m.path("idempotencyToken").asBoolean(false),
                m.path("flattened").asBoolean(false), text(m, NOT_HONOURED), shapes);
    }

    private static Optional<Shape.ErrorTrait> errorTrait(String name, JsonNode s) {
        if (!s.path("exception").asBoolean(false) && !s.has("error")) {
            return Optional.empty();
        }
        JsonNode error = s.path("error");
        return Optional.of(new Shape.ErrorTrait(error.path("code").asText(name), error.path("httpStatusCode").asInt(400),
                !s.path("fault").asBoolean(false) && error.path("senderFault").asBoolean(true)));
    }

    private static Shape number(String name, Shape.NumberKind kind, JsonNode s, boolean sensitive) {
        return new Shape.NumberShape(name, kind, decimal(s, "min"), decimal(s, "max"), sensitive);
    }

    private static Optional<BigDecimal> decimal(JsonNode s, String field) {
        return s.hasNonNull(field) ? Optional.of(s.get(field).decimalValue()) : Optional.empty();
    }

    private static OptionalLong bound(JsonNode s, String field) {
        return s.hasNonNull(field) ? OptionalLong.of(s.get(field).asLong()) : OptionalLong.empty();
    }

    private static Optional<Pattern> compile(String shape, String pattern) {
        try {
            return Optional.of(Pattern.compile(pattern));
        } catch (PatternSyntaxException e) {
            // A pattern Java cannot read is not enforced rather than refusing every request.
            LOG.debug("Pattern of shape {} does not compile in Java and is not enforced: {}", shape, pattern);
            return Optional.empty();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
