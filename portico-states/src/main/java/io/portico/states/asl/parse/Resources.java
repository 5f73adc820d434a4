package io.portico.states.asl.parse;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises Task {@code Resource} ARNs the way Step Functions does at create time: Lambda function ARNs,
 * activity ARNs, the optimized service integrations with the suffixes each supports
 * ({@code .sync}, {@code .sync:2}, {@code .waitForTaskToken}), and AWS SDK integrations
 * ({@code arn:aws:states:::aws-sdk:<service>:<action>}). The integration table follows the Step Functions
 * developer guide's table of optimized integrations and the patterns each supports (for example Batch and
 * Glue run jobs with {@code .sync} but take no callbacks; DynamoDB is request-response only). Stateless and thread safe.
 */
final class Resources {
    private static final String PARTITION = "arn:aws[a-z-]*:";
    private static final Pattern LAMBDA = Pattern.compile(
            PARTITION + "lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?");
    private static final Pattern ACTIVITY = Pattern.compile(
            PARTITION + "states:[a-z0-9-]+:\\d{12}:activity:[A-Za-z0-9_.-]+");
    private static final Pattern SERVICE = Pattern.compile(
            PARTITION + "states:::([A-Za-z0-9-]+):([A-Za-z0-9]+)((\\.sync(:2)?)|(\\.waitForTaskToken))?");
    private static final Pattern SDK = Pattern.compile(
            PARTITION + "states:::aws-sdk:[a-z0-9.-]+:[A-Za-z0-9.]+(\\.waitForTaskToken)?");

    private static final String R = "";
    private static final String S = ".sync";
    private static final String S2 = ".sync:2";
    private static final String T = ".waitForTaskToken";
    private static final Map<String, Set<String>> OPTIMIZED = new HashMap<>();

    static {
        add("lambda", Set.of(R, T), "invoke");
        add("states", Set.of(R, S, S2, T), "startExecution");
        add("dynamodb", Set.of(R), "getItem", "putItem", "updateItem", "deleteItem");
        add("sqs", Set.of(R, T), "sendMessage");
        add("sns", Set.of(R, T), "publish");
        add("events", Set.of(R, T), "putEvents");
        add("apigateway", Set.of(R, T), "invoke");
        add("http", Set.of(R), "invoke");
        add("batch", Set.of(R, S), "submitJob");
        add("ecs", Set.of(R, S, T), "runTask");
        add("glue", Set.of(R, S), "startJobRun");
        add("databrew", Set.of(R, S), "startJobRun");
        add("athena", Set.of(R, S), "startQueryExecution");
        add("athena", Set.of(R), "stopQueryExecution", "getQueryExecution", "getQueryResults");
        add("codebuild", Set.of(R, S), "startBuild", "startBuildBatch", "retryBuildBatch");
        add("codebuild", Set.of(R), "stopBuild", "batchDeleteBuilds", "batchGetReports", "stopBuildBatch",
                "deleteBuildBatch");
        add("eks", Set.of(R, S), "createCluster", "deleteCluster", "createFargateProfile",
                "deleteFargateProfile", "createNodegroup", "deleteNodegroup");
        add("eks", Set.of(R, S, T), "runJob");
        add("eks", Set.of(R), "call");
        add("elasticmapreduce", Set.of(R, S), "createCluster", "terminateCluster", "addStep");
        add("elasticmapreduce", Set.of(R), "cancelStep", "setClusterTerminationProtection",
                "modifyInstanceFleetByName", "modifyInstanceGroupByName");
        add("emr-containers", Set.of(R, S), "startJobRun", "deleteVirtualCluster");
        add("emr-containers", Set.of(R), "createVirtualCluster");
        add("emr-serverless", Set.of(R, S), "createApplication", "startApplication", "stopApplication",
                "deleteApplication", "startJobRun", "cancelJobRun");
        add("sagemaker", Set.of(R, S), "createTrainingJob", "createTransformJob",
                "createHyperParameterTuningJob", "createLabelingJob", "createProcessingJob");
        add("sagemaker", Set.of(R), "createEndpoint", "createEndpointConfig", "createModel", "updateEndpoint");
        add("bedrock", Set.of(R), "invokeModel");
        add("bedrock", Set.of(R, S, T), "createModelCustomizationJob");
        add("mediaconvert", Set.of(R, S), "createJob");
    }

    private Resources() {
    }

    private static void add(String service, Set<String> suffixes, String... actions) {
        for (String action : actions) {
            OPTIMIZED.put(service + ":" + action, suffixes);
        }
    }

    /** True when Step Functions would accept {@code resource} as a Task resource. */
    static boolean isRecognized(String resource) {
        if (LAMBDA.matcher(resource).matches() || ACTIVITY.matcher(resource).matches()
                || SDK.matcher(resource).matches()) {
            return true;
        }
        var service = SERVICE.matcher(resource);
        if (!service.matches() || service.group(1).equals("aws-sdk")) {
            return false;
        }
        Set<String> suffixes = OPTIMIZED.get(service.group(1) + ":" + service.group(2));
        return suffixes != null && suffixes.contains(service.group(3) == null ? R : service.group(3));
    }

    /** The integration pattern suffix an EXPRESS machine cannot run ({@code .sync} or {@code .waitForTaskToken}). */
    static Optional<String> standardOnlySuffix(String resource) {
        if (!resource.contains(":states:::")) {
            return Optional.empty();
        }
        if (resource.endsWith(T)) {
            return Optional.of(T);
        }
        if (resource.endsWith(S) || resource.endsWith(S2)) {
            return Optional.of(S);
        }
        return Optional.empty();
    }
}
