package io.portico.core.protocol;

/**
 * One AWS service as the protocol front sees it. The front picks the service for a request by
 * {@link #targetPrefix()} (JSON protocols, the part of {@code X-Amz-Target} before the dot) or by
 * {@link #signingName()} (the service name in the SigV4 credential scope), then calls {@link #handle}.
 *
 * <p>Implementations must be thread safe: the front calls {@code handle} from many virtual threads.
 * A handler reports AWS errors by throwing {@link AwsErrorException}; anything else it throws becomes
 * a 500 {@code InternalFailure} without a stack trace on the wire (the stack trace goes to the log).
 */
public interface AwsService {

    /** The SigV4 signing name, e.g. {@code states}. */
    String signingName();

    /** The {@code X-Amz-Target} prefix, e.g. {@code AWSStepFunctions}; empty for REST services. */
    String targetPrefix();

    /** The JSON protocol version this service speaks: {@code 1.0}, {@code 1.1}, or {@code rest-json}. */
    String protocol();

    AwsResponse handle(AwsRequest request);
}
