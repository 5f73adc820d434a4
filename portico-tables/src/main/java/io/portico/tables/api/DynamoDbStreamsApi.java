package io.portico.tables.api;

import io.portico.core.Component;
import io.portico.core.model.ServiceModels;
import io.portico.core.service.ServiceApi;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.stream.Streams;

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
                .errors(TablesException.class, DynamoDbApi::error)
                .lifecycle(background);
        DynamoDbApi.serve(api, "ListStreams", operations::listStreams);
        DynamoDbApi.serve(api, "DescribeStream", operations::describeStream);
        DynamoDbApi.serve(api, "GetShardIterator", operations::getShardIterator);
        DynamoDbApi.serve(api, "GetRecords", operations::getRecords);
        return api.build();
    }
}
