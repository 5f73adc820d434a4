package io.portico.functions.engine.java;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeArgumentsTest {

    static class Direct implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> input, Context context) {
            return null;
        }
    }

    abstract static class Base<T> implements RequestHandler<T, List<T>> {
    }

    static class ThroughBase extends Base<Integer> {
        @Override
        public List<Integer> handleRequest(Integer input, Context context) {
            return null;
        }
    }

    interface Typed<R> extends RequestHandler<String, R> {
    }

    static class ThroughInterface implements Typed<Long> {
        @Override
        public Long handleRequest(String input, Context context) {
            return null;
        }
    }

    static class Unbound<T> implements RequestHandler<T, String> {
        @Override
        public String handleRequest(T input, Context context) {
            return null;
        }
    }

    @SuppressWarnings("rawtypes")
    static class Raw implements RequestHandler {
        @Override
        public Object handleRequest(Object input, Context context) {
            return null;
        }
    }

    @Test
    void of_directImplementation() {
        Type[] types = TypeArguments.of(Direct.class, RequestHandler.class).orElseThrow();

        assertThat(types[0].getTypeName()).isEqualTo("java.util.Map<java.lang.String, java.lang.Object>");
        assertThat(types[1]).isEqualTo(String.class);
    }

    @Test
    void of_resolvesVariablesThroughASuperclass() {
        Type[] types = TypeArguments.of(ThroughBase.class, RequestHandler.class).orElseThrow();

        assertThat(types[0]).isEqualTo(Integer.class);
        assertThat(types[1].getTypeName()).isEqualTo("java.util.List<T>"); // nested variables stay, as on Lambda
    }

    @Test
    void of_resolvesVariablesThroughAnInterface() {
        Type[] types = TypeArguments.of(ThroughInterface.class, RequestHandler.class).orElseThrow();

        assertThat(types).containsExactly(String.class, Long.class);
    }

    @Test
    void of_leavesUnboundVariables_andRejectsRawUse() {
        assertThat(TypeArguments.of(Unbound.class, RequestHandler.class).orElseThrow()[0]).isInstanceOf(TypeVariable.class);
        assertThat(TypeArguments.of(Raw.class, RequestHandler.class)).isEmpty();
        assertThat(TypeArguments.of(String.class, RequestHandler.class)).isEmpty();
    }
}
