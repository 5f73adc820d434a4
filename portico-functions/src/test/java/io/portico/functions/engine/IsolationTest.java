package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each environment has its own class loader: own statics, own libraries, nothing of Portico's. */
class IsolationTest extends RuntimeTesting {

    @Test
    void twoEnvironmentsOfOneFunction_haveSeparateStatics() {
        ExecutionEnvironment first = start("example.CounterHandler");
        ExecutionEnvironment second = start("example.CounterHandler");

        String a1 = response(invoke(first, "{}"));
        String a2 = response(invoke(first, "{}"));
        String b1 = response(invoke(second, "{}"));

        assertThat(a1).startsWith("\"1@");
        assertThat(a2).startsWith("\"2@");
        assertThat(b1).startsWith("\"1@");
        // The static initialiser ran once per environment: the same timestamp within one, another in the other.
        assertThat(a2.substring(a2.indexOf('@'))).isEqualTo(a1.substring(a1.indexOf('@')));
        assertThat(b1.substring(b1.indexOf('@'))).isNotEqualTo(a1.substring(a1.indexOf('@')));
    }

    @Test
    void classVisibility_sharedContract_ownLibraries_noPortico() {
        ExecutionEnvironment probe = start("example.ClassVisibilityHandler");

        String response = response(invoke(probe, """
                ["com.amazonaws.services.lambda.runtime.Context",
                 "com.amazonaws.services.lambda.runtime.logging.LogLevel",
                 "com.amazonaws.services.lambda.runtime.LambdaRuntime",
                 "com.amazonaws.services.lambda.runtime.events.SQSEvent",
                 "software.amazon.awssdk.services.sfn.SfnClient",
                 "org.slf4j.Logger",
                 "java.util.List",
                 "java.sql.Connection",
                 "io.portico.functions.engine.JavaRuntime",
                 "com.fasterxml.jackson.databind.ObjectMapper",
                 "org.objectweb.asm.ClassReader",
                 "org.junit.jupiter.api.Test"]"""));

        assertThat(json(response)).isEqualTo(json("""
                {"com.amazonaws.services.lambda.runtime.Context":"shared",
                 "com.amazonaws.services.lambda.runtime.logging.LogLevel":"shared",
                 "com.amazonaws.services.lambda.runtime.LambdaRuntime":"own",
                 "com.amazonaws.services.lambda.runtime.events.SQSEvent":"own",
                 "software.amazon.awssdk.services.sfn.SfnClient":"own",
                 "org.slf4j.Logger":"own",
                 "java.util.List":"jdk",
                 "java.sql.Connection":"jdk",
                 "io.portico.functions.engine.JavaRuntime":"missing",
                 "com.fasterxml.jackson.databind.ObjectMapper":"missing",
                 "org.objectweb.asm.ClassReader":"missing",
                 "org.junit.jupiter.api.Test":"missing"}"""));
    }

    @Test
    void systemIn_isEmpty_notPorticosConsole() {
        assertThat(response(invoke(start("example.StdinHandler"), "{}"))).isEqualTo("0");
    }

    @Test
    void closedEnvironment_refusesInvocations() {
        ExecutionEnvironment echo = start("example.EchoHandler");
        echo.close();
        echo.close(); // idempotent

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> invoke(echo, "{}"))
                .isInstanceOf(IllegalStateException.class);
    }
}
