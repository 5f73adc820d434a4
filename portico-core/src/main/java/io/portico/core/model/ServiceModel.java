package io.portico.core.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One AWS service as its model defines it: identity (signing name, {@code X-Amz-Target} prefix, the SDK's
 * service id), protocol, operations and shapes. Loaded by {@link ServiceModels}. Immutable; thread safe.
 */
public final class ServiceModel {
    /** The key of {@link ServiceModels#ERROR_NAMESPACES} that stands for every error the model declares. */
    public static final String DECLARED_ERRORS = "declared";
    private final String uid;
    private final String serviceId;
    private final String signingName;
    private final Optional<String> targetPrefix;
    private final Protocol protocol;
    private final String apiVersion;
    private final Optional<String> xmlNamespace;
    private final Map<String, String> errorNamespaces;
    private final Map<String, OperationModel> operations;
    private final Map<String, Shape> shapes;
    private final Map<String, Shape.Structure> errorsByCode;

    ServiceModel(String uid, String serviceId, String signingName, Optional<String> targetPrefix, Protocol protocol,
            String apiVersion, Optional<String> xmlNamespace, Map<String, String> errorNamespaces,
            Map<String, OperationModel> operations,
            Map<String, Shape> shapes) {
        this.uid = uid;
        this.serviceId = serviceId;
        this.signingName = signingName;
        this.targetPrefix = targetPrefix;
        this.protocol = protocol;
        this.apiVersion = apiVersion;
        this.xmlNamespace = xmlNamespace;
        this.errorNamespaces = errorNamespaces;
        this.operations = operations;
        this.shapes = shapes;
        Map<String, Shape.Structure> errors = new HashMap<>();
        shapes.values().forEach(shape -> {
            if (shape instanceof Shape.Structure s && s.error().isPresent()) {
                errors.putIfAbsent(s.error().get().code(), s);
                errors.putIfAbsent(s.name(), s);
            }
        });
        this.errorsByCode = Map.copyOf(errors);
    }

    /** The model's id, e.g. {@code states-2016-11-23}. */
    public String uid() {
        return uid;
    }

    /** AWS's service id, e.g. {@code SFN}, {@code DynamoDB}, {@code Lambda}. */
    public String serviceId() {
        return serviceId;
    }

    /** The SigV4 service name clients sign with, e.g. {@code states}. */
    public String signingName() {
        return signingName;
    }

    /** The {@code X-Amz-Target} prefix of the JSON protocols, e.g. {@code AWSStepFunctions}. */
    public Optional<String> targetPrefix() {
        return targetPrefix;
    }

    public Protocol protocol() {
        return protocol;
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** The XML namespace of query and REST-XML responses. */
    public Optional<String> xmlNamespace() {
        return xmlNamespace;
    }

    /** Operations by name, in model order. */
    public Map<String, OperationModel> operations() {
        return operations;
    }

    public Optional<OperationModel> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    /** The error shape with this wire code (or shape name), e.g. {@code ResourceNotFoundException}. */
    public Optional<Shape.Structure> errorShape(String code) {
        return Optional.ofNullable(errorsByCode.get(code));
    }

    /**
     * The error type an AWS JSON {@code __type} carries for {@code code}: the bare code, unless the model's
     * overlay says the service prints a namespace before it ({@link ServiceModels#ERROR_NAMESPACES}).
     * DynamoDB does: its own errors read {@code com.amazonaws.dynamodb.v20120810#ResourceNotFoundException},
     * those of the framework under it {@code com.amazon.coral.validate#ValidationException}. The SDKs
     * read either form (they keep what follows the {@code #}); code that reads the body itself may not.
     */
    public String errorType(String code) {
        String namespace = errorNamespaces.get(code);
        if (namespace == null && errorShape(code).isPresent()) {
            namespace = errorNamespaces.get(DECLARED_ERRORS);
        }
        return namespace == null ? code : namespace + "#" + code;
    }

    public Optional<Shape> shape(String name) {
        return Optional.ofNullable(shapes.get(name));
    }

    /**
     * The service's name as the AWS SDK for Java v2 spells its client ({@code Sfn}, {@code Lambda},
     * {@code DynamoDb}, {@code SecretsManager}): AWS SDK integrations in Step Functions prefix error
     * names with it. Words of the service id are joined; a run of capitals is kept as one capital and
     * lower case, as the SDK's code generator does.
     */
    public String sdkName() {
        StringBuilder name = new StringBuilder();
        for (String word : serviceId.split("[ \\-_]+")) {
            name.append(pascalWord(word));
        }
        return name.toString();
    }

    /** The lower-case SDK name, as Step Functions' {@code aws-sdk:<service>:<action>} resources spell it. */
    public String sdkId() {
        return sdkName().toLowerCase(Locale.ROOT);
    }

    private static String pascalWord(String word) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < word.length()) {
            int start = i;
            if (Character.isUpperCase(word.charAt(i))) {
                while (i < word.length() && Character.isUpperCase(word.charAt(i))) {
                    i++;
                }
                // "DBInstance": the last capital of a run starts the next word.
                if (i < word.length() && i - start > 1 && Character.isLowerCase(word.charAt(i))) {
                    i--;
                }
                out.append(word.charAt(start)).append(word.substring(start + 1, i).toLowerCase(Locale.ROOT));
            } else {
                while (i < word.length() && !Character.isUpperCase(word.charAt(i))) {
                    i++;
                }
                String run = word.substring(start, i);
                out.append(start == 0 ? Character.toUpperCase(run.charAt(0)) + run.substring(1) : run);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "ServiceModel[" + uid + "]";
    }
}
