package io.portico.tables.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.Component;
import io.portico.core.model.ServiceModels;
import io.portico.core.service.AwsError;
import io.portico.core.service.ServiceApi;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.stream.Streams;
import java.util.function.Function;

/**
 * The DynamoDB Streams API on the service kit: AWS's {@code streams.dynamodb-2012-08-10} model (AWS JSON 1.0,
 * target prefix {@code DynamoDBStreams_20120810}, signed as {@code dynamodb}) with ListStreams,
 * DescribeStream, GetShardIterator and GetRecords. Errors are the engine's {@link TablesException}s, mapped
 * by kind with DynamoDB's own table ({@link DynamoDbApi#code}), all HTTP 400 with a lower-case
 * {@code message}.
 */
public final class DynamoDbStreamsApi {
    /** The model DynamoDB Streams is served from. */
    public static final String MODEL = "streams.dynamodb-2012-08-10";

    private DynamoDbStreamsApi() {
    }

    /** The service; {@code background} (the retention and TTL sweeps) starts and stops with it. */
    public static ServiceApi create(Streams streams, Component... background) {
        StreamOperations operations = new StreamOperations(streams);
        ServiceApi.Builder api = ServiceApi.builder(ServiceModels.load(MODEL))
                .errors(TablesException.class, DynamoDbStreamsApi::error)
                .lifecycle(background);
        serve(api, "ListStreams", operations::listStreams);
        serve(api, "DescribeStream", operations::describeStream);
        serve(api, "GetShardIterator", operations::getShardIterator);
        serve(api, "GetRecords", operations::getRecords);
        return api.build();
    }

    private static void serve(ServiceApi.Builder api, String operation, Function<Input, ObjectNode> handler) {
        api.operation(operation, call -> handler.apply(new Input(call)));
    }

    private static AwsError error(TablesException e) {
        return AwsError.clientError(DynamoDbApi.code(e.kind()), e.getMessage());
    }
}
