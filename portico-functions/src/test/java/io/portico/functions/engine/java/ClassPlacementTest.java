package io.portico.functions.engine.java;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassPlacementTest {

    @ParameterizedTest
    @CsvSource({
            "com.amazonaws.services.lambda.runtime.Context, SHARED",
            "com.amazonaws.services.lambda.runtime.RequestHandler, SHARED",
            "com.amazonaws.services.lambda.runtime.CustomPojoSerializer, SHARED",
            "com.amazonaws.services.lambda.runtime.logging.LogLevel, SHARED",
            "com.amazonaws.services.lambda.runtime.LambdaRuntime, PER_ENVIRONMENT",
            "com.amazonaws.services.lambda.runtime.LambdaRuntime$1, PER_ENVIRONMENT",
            "com.amazonaws.services.lambda.runtime.LambdaRuntimeInternal, PER_ENVIRONMENT",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer, PER_ENVIRONMENT",
            "com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper, PER_ENVIRONMENT",
            "io.portico.functions.engine.java.inside.EnvironmentHooks, PER_ENVIRONMENT",
            "com.amazonaws.services.lambda.runtime.events.SQSEvent, FUNCTION",
            "com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue, FUNCTION",
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda, FUNCTION",
            "io.portico.functions.engine.JavaRuntime, FUNCTION",
            "com.fasterxml.jackson.databind.ObjectMapper, FUNCTION",
            "java.util.List, FUNCTION",
            "Exception, FUNCTION"})
    void of_placesClassesByName(String className, ClassPlacement expected) {
        assertThat(ClassPlacement.of(className)).isEqualTo(expected);
    }
}
