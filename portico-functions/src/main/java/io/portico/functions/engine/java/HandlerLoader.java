package io.portico.functions.engine.java;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.portico.functions.engine.InvocationLog;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Arrays;
import java.util.Optional;

/**
 * Turns a loaded handler class into a {@link LambdaHandler} by Lambda's rules: with a method name,
 * the method ({@link HandlerMethods}); without, a {@code RequestStreamHandler} (checked first), else
 * a {@code RequestHandler} whose input and output types are its concrete type arguments, else a fault.
 * Handler instances are created here, at init, with the public no-argument constructor, as Lambda
 * does; the messages of every fault are Lambda's. Stateless.
 */
final class HandlerLoader {

    private HandlerLoader() {
    }

    static LambdaHandler load(Class<?> handlerClass, HandlerString handler, InvocationLog initLog) throws HandlerFault {
        if (handler.methodName().isPresent()) {
            return HandlerMethods.select(handlerClass, handler.methodName().get(), initLog);
        }
        if (RequestStreamHandler.class.isAssignableFrom(handlerClass)) {
            RequestStreamHandler instance = (RequestStreamHandler) instantiate(handlerClass);
            return new LambdaHandler.Streaming(instance::handleRequest);
        }
        if (RequestHandler.class.isAssignableFrom(handlerClass)) {
            return requestHandler(handlerClass);
        }
        throw HandlerFault.message("Class does not implement an appropriate handler interface: " + handlerClass.getName());
    }

    @SuppressWarnings("unchecked")
    private static LambdaHandler requestHandler(Class<?> handlerClass) throws HandlerFault {
        Type[] types = TypeArguments.of(handlerClass, RequestHandler.class).orElseThrow(() -> HandlerFault.message(
                "Class " + handlerClass.getName() + " does not implement RequestHandler with concrete type parameters"));
        for (Type type : types) {
            if (type instanceof TypeVariable<?> variable && Arrays.stream(variable.getBounds()).allMatch(Object.class::equals)) {
                throw HandlerFault.message("Class " + handlerClass.getName()
                        + " does not implement RequestHandler with concrete type parameters: parameter " + variable
                        + " has no upper bound.");
            }
        }
        RequestHandler<Object, Object> instance = (RequestHandler<Object, Object>) instantiate(handlerClass);
        return new LambdaHandler.Pojo(instance::handleRequest, Optional.of(types[0]), outputType(types[1]));
    }

    /** Lambda answers {@code null} for handlers returning {@code void} or {@code Void}. */
    static Optional<Type> outputType(Type returnType) {
        boolean isVoid = void.class.equals(returnType)
                || (returnType instanceof Class<?> clazz && Void.class.isAssignableFrom(clazz));
        return isVoid ? Optional.empty() : Optional.of(returnType);
    }

    /** A new instance through the public no-argument constructor; a constructor that throws is a fault. */
    static Object instantiate(Class<?> handlerClass) throws HandlerFault {
        Constructor<?> constructor;
        try {
            constructor = handlerClass.getConstructor();
        } catch (NoSuchMethodException e) {
            if (handlerClass.getEnclosingClass() != null && !Modifier.isStatic(handlerClass.getModifiers())) {
                throw HandlerFault.of(new Exception("Class " + handlerClass.getName()
                        + " cannot be instantiated because it is a non-static inner class"));
            }
            throw HandlerFault.of(new Exception("Class " + handlerClass.getName() + " has no public zero-argument constructor", e));
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException | InstantiationException e) {
            throw HandlerFault.of(e.getCause() == null ? e : e.getCause());
        } catch (IllegalAccessException e) {
            throw HandlerFault.of(e);
        }
    }
}
