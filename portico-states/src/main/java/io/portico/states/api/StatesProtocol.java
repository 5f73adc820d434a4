package io.portico.states.api;

import io.portico.core.protocol.AwsService;

/**
 * How the protocol front finds Step Functions: SigV4 signing name {@code states}, {@code X-Amz-Target}
 * prefix {@code AWSStepFunctions}, AWS JSON 1.0, as the SDKs' Step Functions clients send them.
 * {@link StatesService} answers to it, and so can a stand-in that only has to be reached by the same
 * calls (the protocol front's tests use one).
 */
public interface StatesProtocol extends AwsService {

    @Override
    default String signingName() {
        return "states";
    }

    @Override
    default String targetPrefix() {
        return "AWSStepFunctions";
    }

    @Override
    default String protocol() {
        return "1.0";
    }
}
