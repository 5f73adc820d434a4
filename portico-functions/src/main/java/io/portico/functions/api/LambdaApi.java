package io.portico.functions.api;

import io.portico.core.model.ServiceModel;
import io.portico.core.model.ServiceModels;
import io.portico.core.service.AwsError;
import io.portico.core.service.OperationHandler;
import io.portico.core.service.ResourceScope;
import io.portico.core.service.ServiceApi;
import io.portico.core.service.TypeErrors;
import io.portico.functions.engine.AsyncInvocations;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.FunctionsException;
import io.portico.functions.engine.mappings.EventSourceMappings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda API on the service kit: AWS's {@code lambda-2015-03-31} model (REST-JSON, signing name
 * {@code lambda}) with a handler for each operation Portico serves. The engine's
 * {@link FunctionsException}s map by their kind to Lambda's errors ({@link #code}), with the status
 * Lambda's model gives each code and Lambda's {@code Type} member ({@code User} or {@code Service}); a
 * member of the wrong JSON type is Lambda's {@code InvalidRequestContentException}.
 */
public final class LambdaApi {
    /** The model Lambda is served from. */
    public static final String MODEL = "lambda-2015-03-31";

    /** Lambda binds request bodies with Jackson, which reads a number or boolean given for a string as its text. */
    static final TypeErrors TYPE_ERRORS = new TypeErrors() {
        @Override
        public AwsError wrongType(String path, String found, String expected) {
            return invalidContent("Could not parse field '" + path + "' as " + article(expected));
        }

        @Override
        public AwsError unreadable(String detail) {
            return invalidContent(detail.replace("\n", " "));
        }

        @Override
        public boolean coercesScalarsToStrings() {
            return true;
        }
    };

    private static final Pattern NAMED_OWNER =
            Pattern.compile("arn:[^:]+:lambda:([^:]*):(\\d{12}):|(\\d{12}):function:");

    private LambdaApi() {
    }

    /**
     * The service, started and stopped with the engine and the event source mappings (asynchronous
     * invocations and mapping pollers are work-queue items the server runs, resumed when it starts).
     */
    public static ServiceApi create(Functions functions, AsyncInvocations async, EventSourceMappings mappings) {
        Map<String, OperationHandler> operations = new LinkedHashMap<>();
        FunctionOperations.register(operations, functions);
        EventSourceMappingOperations.register(operations, mappings, functions.pageTokens());
        AliasOperations.register(operations, functions);
        InvokeOperation.register(operations, functions, async);
        SettingsOperations.register(operations, functions);
        ServiceModel model = ServiceModels.load(MODEL);
        ServiceApi.Builder api = ServiceApi.builder(model)
                .typeErrors(TYPE_ERRORS)
                .resourceOwners(LambdaApi::ownerOf)
                .otherRegion((operation, resource, region, caller) -> error(model, "ResourceNotFoundException",
                        "Functions from '" + region + "' are not reachable in this region ('" + caller.region() + "')"))
                .lifecycle(functions, mappings)
                .paths(new LambdaPaths(functions))
                .errors(FunctionsException.class, e -> error(model, code(e.kind()), e.getMessage()));
        operations.forEach(api::operation);
        return api.build();
    }

    /**
     * The owner a function name names: a full ARN's account and region, or a partial ARN's account
     * ({@code 123456789012:function:f}); a plain name names none (the caller's own).
     */
    static Optional<ResourceScope.Owner> ownerOf(String functionName) {
        Matcher m = NAMED_OWNER.matcher(functionName);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        return m.group(2) != null
                ? Optional.of(new ResourceScope.Owner(m.group(2), Optional.of(m.group(1)).filter(r -> !r.isEmpty())))
                : Optional.of(new ResourceScope.Owner(m.group(3), Optional.empty()));
    }

    /**
     * Lambda's error code for each kind of refusal. Lambda answers a constraint it checks in its service
     * code {@code InvalidParameterValueException} even when worded as a validation error; only
     * {@code INVALID_MEMBER} is {@code ValidationException}.
     */
    static String code(FunctionsException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> "ResourceNotFoundException";
            case CONFLICT -> "ResourceConflictException";
            case INVALID_PARAMETER -> "InvalidParameterValueException";
            case INVALID_MEMBER -> "ValidationException";
            case UNREADABLE_PAYLOAD -> "InvalidRequestContentException";
            case TOO_LARGE -> "RequestTooLargeException";
            case THROTTLED -> "TooManyRequestsException";
            case PRECONDITION_FAILED -> "PreconditionFailedException";
        };
    }

    /** Lambda's error: the model's status for the code, and {@code Type} saying whose fault it is. */
    static AwsError error(ServiceModel model, String code, String message) {
        AwsError error = ServiceApi.error(model, code, message);
        error = error.with("Type", error.status() >= 500 ? "Service" : "User");
        return code.equals("TooManyRequestsException")
                ? error.with("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded") : error;
    }

    private static AwsError invalidContent(String detail) {
        return new AwsError("InvalidRequestContentException", 400, "Could not parse request body into json: " + detail)
                .with("Type", "User");
    }

    private static String article(String type) {
        return switch (type) {
            case "Integer", "Long" -> "an integer";
            case "Double", "Float" -> "a number";
            case "Boolean" -> "a boolean";
            case "List" -> "a list";
            case "Map" -> "a map";
            case "String" -> "a string";
            default -> "an object";
        };
    }
}
