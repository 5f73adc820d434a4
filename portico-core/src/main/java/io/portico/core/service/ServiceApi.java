package io.portico.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.Component;
import io.portico.core.model.OperationModel;
import io.portico.core.model.ServiceModel;
import io.portico.core.model.Shape;
import io.portico.core.validation.ValidationReport;
import io.portico.core.validation.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One AWS service as a module contributes it to the kit: its {@link ServiceModel}, a handler for each
 * operation it serves, and how its errors read. The kit does the rest for every protocol and for the
 * call bus alike: routing, decoding, validation against the model, the caller's scope, error rendering.
 *
 * <p>A module builds one with {@link #builder}, naming its operations by the model's names (a name the
 * model does not have is a build-time error) and how its engine's refusals turn into {@link AwsError}s
 * ({@link Builder#errors}; engines know no wire codes). Operations the model has and the module
 * does not serve answer {@code UnknownOperationException}. The components handed to
 * {@link Builder#lifecycle} start and stop with the service.
 *
 * <p>Immutable after {@link Builder#build()}; thread safe.
 */
public final class ServiceApi implements Component {

    /** Maps an engine exception to the service's AWS error; empty for exceptions it does not know (bugs). */
    @FunctionalInterface
    private interface ErrorMapper {
        Optional<AwsError> map(RuntimeException e);

        ErrorMapper NONE = e -> Optional.empty();
    }

    private final ServiceModel model;
    private final Map<String, OperationHandler> handlers;
    private final ErrorMapper errors;
    private final TypeErrors typeErrors;
    private final String validationCode;
    private final Function<OperationModel, String> validationPathPrefix;
    private final List<Component> lifecycle;
    private final Optional<PorticoPaths> paths;
    private final ResourceScope.OwnerOf ownerOf;
    private final ResourceScope.OtherRegion otherRegion;
    /** Per operation with input, the members that name resources: worked out once, here. */
    private final Map<String, ResourceScope.Plan> resourcePlans;

    private ServiceApi(Builder b) {
        this.model = b.model;
        this.handlers = Map.copyOf(b.handlers);
        this.errors = b.errors;
        this.typeErrors = b.typeErrors;
        this.validationCode = b.validationCode;
        this.validationPathPrefix = b.validationPathPrefix;
        this.lifecycle = List.copyOf(b.lifecycle);
        this.paths = b.paths;
        this.ownerOf = b.ownerOf.orElseGet(() -> ResourceScope.OwnerOf.arnsOf(model.signingName()));
        this.otherRegion = b.otherRegion;
        Map<String, ResourceScope.Plan> plans = new HashMap<>();
        model.operations().forEach((name, op) -> op.input().ifPresent(in -> plans.put(name, ResourceScope.Plan.of(in))));
        this.resourcePlans = Map.copyOf(plans);
    }

    private ServiceApi(ServiceApi original, Map<String, OperationHandler> handlers) {
        this.model = original.model;
        this.handlers = Map.copyOf(handlers);
        this.errors = original.errors;
        this.typeErrors = original.typeErrors;
        this.validationCode = original.validationCode;
        this.validationPathPrefix = original.validationPathPrefix;
        this.lifecycle = original.lifecycle;
        this.paths = original.paths;
        this.ownerOf = original.ownerOf;
        this.otherRegion = original.otherRegion;
        this.resourcePlans = original.resourcePlans;
    }

    public static Builder builder(ServiceModel model) {
        return new Builder(model);
    }

    public ServiceModel model() {
        return model;
    }

    /** The handler of an operation this service serves. */
    public Optional<OperationHandler> handler(String operation) {
        return Optional.ofNullable(handlers.get(operation));
    }

    /** The names of the operations this service serves. */
    public Set<String> servedOperations() {
        return handlers.keySet();
    }

    /**
     * The same service with every handler wrapped by {@code decorate}, for tools that watch calls reach the
     * handlers (the member coverage tests give handlers an input that records what they read). The copy
     * shares this one's lifecycle components, so it replaces this one: start and close only one of them.
     */
    public ServiceApi withHandlers(UnaryOperator<OperationHandler> decorate) {
        Map<String, OperationHandler> decorated = new LinkedHashMap<>();
        handlers.forEach((name, handler) -> decorated.put(name, decorate.apply(handler)));
        return new ServiceApi(this, decorated);
    }

    /** How this service reads the owner a resource-naming member names (see {@link ResourceScope}). */
    public ResourceScope.OwnerOf ownerOf() {
        return ownerOf;
    }

    /**
     * The values of {@code input} that name resources of this service, with the owners they name (see
     * {@link ResourceScope}); values naming no owner this service reads are left out.
     */
    public List<ResourceScope.Named> resourcesNamed(OperationModel operation, JsonNode input) {
        ResourceScope.Plan plan = resourcePlans.get(operation.name());
        if (plan == null) {
            return List.of();
        }
        List<ResourceScope.Named> named = new ArrayList<>(1);
        for (String value : plan.values(input)) {
            ownerOf.owner(value).ifPresent(owner -> named.add(new ResourceScope.Named(value, owner)));
        }
        return named;
    }

    /** How this service answers a resource of its own in another region (see {@link ResourceScope}). */
    public ResourceScope.OtherRegion otherRegion() {
        return otherRegion;
    }

    public TypeErrors typeErrors() {
        return typeErrors;
    }

    /** The service's own {@code /_portico/} paths, if it has any. */
    public Optional<PorticoPaths> paths() {
        return paths;
    }

    /**
     * An error of this service with the HTTP status its model gives the code (400 when the model does
     * not declare the error, as AWS's JSON services answer undeclared client errors).
     */
    public AwsError error(String code, String message) {
        return error(model, code, message);
    }

    /** An error of the service {@code model} describes, with the status the model gives its code (else 400). */
    public static AwsError error(ServiceModel model, String code, String message) {
        int status = model.errorShape(code).flatMap(Shape.Structure::error).map(Shape.ErrorTrait::httpStatus).orElse(400);
        return new AwsError(code, status, message);
    }

    /** {@link #error} as a throwable. */
    public AwsErrorException exception(String code, String message) {
        return new AwsErrorException(error(code, message));
    }

    /**
     * Checks an operation's input against the model.
     *
     * @throws AwsErrorException the service's validation error with AWS's message
     */
    public void validate(OperationModel operation, ObjectNode input) {
        if (operation.input().isEmpty()) {
            return;
        }
        ValidationReport report = Validator.validate(operation.input().get(), input,
                validationPathPrefix.apply(operation));
        if (!report.isValid()) {
            throw new AwsErrorException(error(validationCode, report.message()));
        }
    }

    /**
     * The AWS error for what a handler threw; empty when it is not an error the service knows (a bug). An
     * error the model declares always carries the model's HTTP status, whoever built it.
     */
    public Optional<AwsError> mapError(RuntimeException e) {
        Optional<AwsError> error = e instanceof AwsErrorException aws ? Optional.of(aws.error()) : errors.map(e);
        return error.map(this::withModelStatus);
    }

    private AwsError withModelStatus(AwsError error) {
        return model.errorShape(error.code()).flatMap(Shape.Structure::error)
                .filter(trait -> trait.httpStatus() != error.status())
                .map(trait -> new AwsError(error.code(), trait.httpStatus(), error.message(), error.extra()))
                .orElse(error);
    }

    @Override
    public void start() {
        lifecycle.forEach(Component::start);
    }

    /** Closes the components in reverse order; one that fails does not keep the others open. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (int i = lifecycle.size() - 1; i >= 0; i--) {
            try {
                lifecycle.get(i).close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "ServiceApi[" + model.uid() + ", " + handlers.size() + " operations]";
    }

    /** Assembles a {@link ServiceApi}. Not thread safe; use once. */
    public static final class Builder {
        private final ServiceModel model;
        private final Map<String, OperationHandler> handlers = new LinkedHashMap<>();
        private ErrorMapper errors = ErrorMapper.NONE;
        private TypeErrors typeErrors = TypeErrors.SERIALIZATION_EXCEPTION;
        private String validationCode = "ValidationException";
        private Function<OperationModel, String> validationPathPrefix = op -> "";
        private final List<Component> lifecycle = new ArrayList<>();
        private Optional<PorticoPaths> paths = Optional.empty();
        private Optional<ResourceScope.OwnerOf> ownerOf = Optional.empty();
        private ResourceScope.OtherRegion otherRegion = (operation, resource, region, caller) ->
                new AwsError("ValidationException", 400, "Resource " + resource + " is in region " + region
                        + "; this request is for region " + caller.region() + ".");

        private Builder(ServiceModel model) {
            this.model = model;
        }

        /**
         * Serves {@code name} with {@code handler}.
         *
         * @throws IllegalArgumentException if the model has no such operation, or it is served twice
         */
        public Builder operation(String name, OperationHandler handler) {
            if (model.operation(name).isEmpty()) {
                throw new IllegalArgumentException(model.uid() + " has no operation " + name);
            }
            if (handlers.putIfAbsent(name, handler) != null) {
                throw new IllegalArgumentException(name + " is served twice");
            }
            return this;
        }

        /**
         * How the engine's refusals read on the wire: every {@code type} thrown by a handler is answered
         * with the error {@code mapper} gives for it (engines know no wire codes; the api maps their kinds).
         */
        public <E extends RuntimeException> Builder errors(Class<E> type, Function<? super E, AwsError> mapper) {
            this.errors = e -> type.isInstance(e) ? Optional.of(mapper.apply(type.cast(e))) : Optional.empty();
            return this;
        }

        public Builder typeErrors(TypeErrors typeErrors) {
            this.typeErrors = typeErrors;
            return this;
        }

        /** The code of a model validation failure (AWS uses {@code ValidationException} almost everywhere). */
        public Builder validationCode(String code) {
            this.validationCode = code;
            return this;
        }

        /** A prefix of every path in validation messages (API Gateway's read {@code createRestApiInput.name}). */
        public Builder validationPathPrefix(Function<OperationModel, String> prefix) {
            this.validationPathPrefix = prefix;
            return this;
        }

        /** Components started with the service, in this order, and closed in reverse. */
        public Builder lifecycle(Component... components) {
            lifecycle.addAll(List.of(components));
            return this;
        }

        /**
         * How resource-naming members name their owner, when the service accepts more than full ARNs of
         * its own namespace (the default).
         */
        public Builder resourceOwners(ResourceScope.OwnerOf ownerOf) {
            this.ownerOf = Optional.of(ownerOf);
            return this;
        }

        /**
         * How the service answers a resource of its own in another region of the caller's account (by
         * default a {@code ValidationException} in Portico's words, where AWS has not shown its own).
         */
        public Builder otherRegion(ResourceScope.OtherRegion otherRegion) {
            this.otherRegion = otherRegion;
            return this;
        }

        public Builder paths(PorticoPaths paths) {
            this.paths = Optional.of(paths);
            return this;
        }

        public ServiceApi build() {
            return new ServiceApi(this);
        }
    }
}
