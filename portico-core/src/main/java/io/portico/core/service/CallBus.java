package io.portico.core.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.model.ServiceModel;
import java.util.Optional;

/**
 * Calls any operation of any service in process, with a caller's identity, as the wire would: the input
 * is checked against the model and scoped to the caller exactly as a request is, and the answer is the
 * output document or the service's {@link AwsErrorException}. Step Functions'
 * AWS SDK integrations, EventBridge and Scheduler targets, API Gateway's AWS integrations and AppSync
 * resolvers reach other services this way; no HTTP is involved. Thread safe.
 */
public interface CallBus {

    /**
     * Runs {@code operation} of {@code service} (its SDK id such as {@code lambda}, {@code sfn},
     * {@code dynamodb}, or its signing name such as {@code states}) with {@code input}, a document keyed by
     * the model's member names.
     *
     * @throws AwsErrorException the service's error, or
     *     {@code UnknownOperationException} for a service or operation that is not served
     * @throws InterruptedException if the calling thread is interrupted while the operation runs
     */
    ObjectNode call(Caller caller, String service, String operation, ObjectNode input) throws InterruptedException;

    /** The model of a served service, by SDK id or signing name. */
    Optional<ServiceModel> model(String service);
}
