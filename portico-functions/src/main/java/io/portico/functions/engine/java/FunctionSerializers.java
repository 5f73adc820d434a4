package io.portico.functions.engine.java;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Portico's handle on one environment's {@code SerializationBridge}: that class (and Lambda's
 * serialization library behind it) lives in the function's loader, where Portico cannot name its
 * types, so it is reached reflectively and answers with JDK functions. Thread safe.
 */
final class FunctionSerializers {
    private static final String BRIDGE = ClassPlacement.HOOKS_PACKAGE + "SerializationBridge";

    private final Method reader;
    private final Method writer;

    private FunctionSerializers(Method reader, Method writer) {
        this.reader = reader;
        this.writer = writer;
    }

    static FunctionSerializers in(ClassLoader functionLoader) {
        try {
            Class<?> bridge = Class.forName(BRIDGE, true, functionLoader);
            return new FunctionSerializers(bridge.getMethod("reader", Type.class, boolean.class),
                    bridge.getMethod("writer", Type.class, boolean.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the serialization bridge of a function loader", e);
        }
    }

    @SuppressWarnings("unchecked")
    Function<InputStream, Object> reader(Type type, boolean android) {
        return (Function<InputStream, Object>) call(reader, type, android);
    }

    @SuppressWarnings("unchecked")
    BiConsumer<Object, OutputStream> writer(Type type, boolean android) {
        return (BiConsumer<Object, OutputStream>) call(writer, type, android);
    }

    private static Object call(Method method, Type type, boolean android) {
        try {
            return method.invoke(null, type, android);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UndeclaredThrowableException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("SerializationBridge is not accessible", e);
        }
    }
}
