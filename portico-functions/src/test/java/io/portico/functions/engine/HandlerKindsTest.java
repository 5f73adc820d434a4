package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each handler shape Lambda's Java runtime accepts, through JavaRuntime. */
class HandlerKindsTest extends RuntimeTesting {

    @Test
    void requestHandler_overMaps_echoesItsInput() {
        ExecutionEnvironment echo = start("example.EchoHandler");

        String response = response(invoke(echo, "{\"a\":1,\"b\":[true,null,\"x\"],\"c\":{\"d\":2.5}}"));

        assertThat(json(response)).isEqualTo(json("{\"a\":1,\"b\":[true,null,\"x\"],\"c\":{\"d\":2.5}}"));
    }

    @Test
    void requestStreamHandler_writesItsOwnResponse() {
        ExecutionEnvironment upper = start("example.UppercaseStreamHandler");

        assertThat(response(invoke(upper, "\"hello\""))).isEqualTo("\"HELLO\"");
    }

    @Test
    void pojoMethod_withInputAndContext_getsBoth() {
        ExecutionEnvironment greet = start("example.PojoHandlers::greet");

        assertThat(response(invoke(greet, "{\"name\":\"Ada\"}"))).isEqualTo("\"Hello, Ada from fixture\"");
    }

    @Test
    void pojoMethod_staticOverPrimitive_isSerialisedAsLambdaDoes() {
        ExecutionEnvironment square = start("example.PojoHandlers::square");

        assertThat(response(invoke(square, "7"))).isEqualTo("49");
    }

    @Test
    void pojoMethod_overloaded_prefersTheSignatureEndingInContext() {
        ExecutionEnvironment overloaded = start("example.PojoHandlers::overloaded");

        assertThat(response(invoke(overloaded, "{}"))).isEqualTo("\"input and context\"");
    }

    @Test
    void pojoMethod_withStreamsAndContext_isAStreamHandler() {
        ExecutionEnvironment streams = start("example.PojoHandlers::streams");

        assertThat(response(invoke(streams, "1,2"))).isEqualTo("[1,2]");
    }

    @Test
    void pojoMethod_withoutParameters_ignoresThePayload() {
        ExecutionEnvironment noInput = start("example.PojoHandlers::noInput");

        assertThat(response(invoke(noInput, "not even json"))).isEqualTo("\"nothing in\"");
    }

    @Test
    void pojoMethod_returningVoid_answersNull() {
        ExecutionEnvironment noOutput = start("example.PojoHandlers::noOutput");

        assertThat(response(invoke(noOutput, "{}"))).isEqualTo("null");
    }

    @Test
    void pojoMethod_onAClassImplementingNoInterface_works() {
        ExecutionEnvironment hello = start("example.NotAHandler::hello");

        assertThat(response(invoke(hello, "{}"))).isEqualTo("\"hello\"");
    }

    @Test
    void pojoMethod_withUnacceptedSignature_failsInit_andLogsWhyItWasSkipped() {
        RecordingLog initLog = new RecordingLog();

        FunctionInitException failure = initFailure("example.PojoHandlers::unsupported", initLog);

        assertThat(new String(failure.error().payload())).isEqualTo(
                "{\"errorMessage\":\"No public method named unsupported with appropriate method signature found on class example.PojoHandlers\"}");
        assertThat(initLog.text()).contains("Ignoring two-argument overload because first argument type is Context");
    }

    @Test
    void environment_servesManyInvocations() {
        ExecutionEnvironment echo = start("example.EchoHandler");

        for (int i = 0; i < 5; i++) {
            assertThat(json(response(invoke(echo, "{\"i\":" + i + "}"))).get("i").asInt()).isEqualTo(i);
        }
    }

    @Test
    void plainJar_unpacked_runsLikeTheZip() {
        RecordingLog initLog = new RecordingLog();
        ExecutionEnvironment echo = start(Fixtures.spec("example.EchoHandler", java.util.Map.of(), "", Fixtures.jarCode()), initLog);

        assertThat(response(invoke(echo, "{\"jar\":true}"))).isEqualTo("{\"jar\":true}");
    }
}
