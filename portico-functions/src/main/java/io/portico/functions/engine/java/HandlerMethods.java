package io.portico.functions.engine.java;

import com.amazonaws.services.lambda.runtime.Context;
import io.portico.functions.engine.InvocationLog;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code Class::method} handlers, chosen as Lambda's Java runtime chooses them. Among the public
 * methods of that name, non-bridge methods come first, then longer signatures, a trailing
 * {@code Context} counting as one parameter more; the first whose signature Lambda accepts wins:
 *
 * <pre>
 *   (InputStream, OutputStream, Context)   (InputStream, OutputStream)   (InputStream, Context)
 *   (OutputStream, Context)   (InputStream)   (OutputStream)              -> stream handler
 *   (T, Context)   (T)   (Context)   ()                                   -> POJO handler
 * </pre>
 *
 * where {@code T} is neither a stream nor {@code Context}. Overloads passed over are reported in the
 * init log with Lambda's wording. Methods are called reflectively, as Lambda calls them, so stack
 * traces show the same reflection frames. Stateless.
 */
final class HandlerMethods {
    private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private static final Comparator<Method> PRIORITY = Comparator.comparing(Method::isBridge)
            .thenComparing(Comparator.comparingInt(HandlerMethods::weight).reversed());

    private HandlerMethods() {
    }

    static LambdaHandler select(Class<?> handlerClass, String name, InvocationLog initLog) throws HandlerFault {
        Method[] methods;
        try {
            methods = handlerClass.getMethods();
        } catch (NoClassDefFoundError e) {
            throw HandlerFault.of("Error loading method " + name + " on class " + handlerClass.getName(), e);
        }
        List<Method> candidates = Arrays.stream(methods).filter(m -> m.getName().equals(name)).sorted(PRIORITY).toList();
        for (Method method : candidates) {
            Optional<LambdaHandler> handler = handlerFor(handlerClass, method, initLog);
            if (handler.isPresent()) {
                return handler.get();
            }
        }
        throw HandlerFault.message("No public method named " + name + " with appropriate method signature found on class "
                + handlerClass.getName());
    }

    private static int weight(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        boolean endsWithContext = parameters.length > 0 && isContext(parameters[parameters.length - 1]);
        return parameters.length + (endsWithContext ? 1 : 0);
    }

    private static Optional<LambdaHandler> handlerFor(Class<?> handlerClass, Method method, InvocationLog initLog)
            throws HandlerFault {
        Type[] p = method.getGenericParameterTypes();
        switch (p.length) {
            case 0:
                return Optional.of(pojo(handlerClass, method, null, false));
            case 1:
                if (InputStream.class.equals(p[0])) {
                    return Optional.of(stream(handlerClass, method, true, false, false, initLog));
                }
                if (OutputStream.class.equals(p[0])) {
                    return Optional.of(stream(handlerClass, method, false, true, false, initLog));
                }
                return Optional.of(isContext(p[0]) ? pojo(handlerClass, method, null, true) : pojo(handlerClass, method, p[0], false));
            case 2:
                return twoParameters(handlerClass, method, p[0], p[1], initLog);
            case 3:
                if (InputStream.class.equals(p[0]) && OutputStream.class.equals(p[1]) && isContext(p[2])) {
                    return Optional.of(stream(handlerClass, method, true, true, true, initLog));
                }
                initLog.write("Ignoring three-argument overload because argument signature is not (InputStream, OutputStream, Context\n");
                return Optional.empty();
            default:
                initLog.write("Ignoring an overload of method " + method.getName()
                        + " because it has too many parameters: Expected at most 3, got " + p.length + "\n");
                return Optional.empty();
        }
    }

    private static Optional<LambdaHandler> twoParameters(Class<?> handlerClass, Method method, Type first, Type second,
            InvocationLog initLog) throws HandlerFault {
        if (OutputStream.class.equals(first)) {
            if (isContext(second)) {
                return Optional.of(stream(handlerClass, method, false, true, true, initLog));
            }
            initLog.write("Ignoring two-argument overload because first argument type is OutputStream and second argument type is not Context\n");
            return Optional.empty();
        }
        if (isContext(first)) {
            initLog.write("Ignoring two-argument overload because first argument type is Context\n");
            return Optional.empty();
        }
        if (InputStream.class.equals(first)) {
            if (OutputStream.class.equals(second)) {
                return Optional.of(stream(handlerClass, method, true, true, false, initLog));
            }
            if (isContext(second)) {
                return Optional.of(stream(handlerClass, method, true, false, true, initLog));
            }
            initLog.write("Ignoring two-argument overload because second parameter type, " + rawName(second)
                    + ", is not OutputStream.\n");
            return Optional.empty();
        }
        if (isContext(second)) {
            return Optional.of(pojo(handlerClass, method, first, true));
        }
        initLog.write("Ignoring two-argument overload because second parameter type is not Context\n");
        return Optional.empty();
    }

    private static LambdaHandler pojo(Class<?> handlerClass, Method method, Type inputType, boolean withContext)
            throws HandlerFault {
        Object target = targetOf(handlerClass, method);
        boolean withInput = inputType != null;
        LambdaHandler.PojoCall call = (input, context) -> {
            Object[] arguments = new Object[(withInput ? 1 : 0) + (withContext ? 1 : 0)];
            int next = 0;
            if (withInput) {
                arguments[next++] = input;
            }
            if (withContext) {
                arguments[next] = context;
            }
            return invoke(method, target, arguments);
        };
        return new LambdaHandler.Pojo(call, Optional.ofNullable(inputType),
                HandlerLoader.outputType(method.getGenericReturnType()));
    }

    private static LambdaHandler stream(Class<?> handlerClass, Method method, boolean withInput, boolean withOutput,
            boolean withContext, InvocationLog initLog) throws HandlerFault {
        if (HandlerLoader.outputType(method.getReturnType()).isPresent()) {
            initLog.write("Will ignore return type " + method.getReturnType() + " on byte stream handler\n");
        }
        Object target = targetOf(handlerClass, method);
        LambdaHandler.StreamCall call = (input, output, context) -> {
            Object[] arguments = new Object[(withInput ? 1 : 0) + (withOutput ? 1 : 0) + (withContext ? 1 : 0)];
            int next = 0;
            if (withInput) {
                arguments[next++] = input;
            } else {
                input.close();
            }
            if (withOutput) {
                arguments[next++] = output;
            }
            if (withContext) {
                arguments[next] = context;
            }
            invoke(method, target, arguments);
            if (!withOutput) {
                output.write(JSON_NULL);
            }
        };
        return new LambdaHandler.Streaming(call);
    }

    private static Object targetOf(Class<?> handlerClass, Method method) throws HandlerFault {
        return Modifier.isStatic(method.getModifiers()) ? null : HandlerLoader.instantiate(handlerClass);
    }

    private static Object invoke(Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() == null ? e : e.getCause();
        }
    }

    private static boolean isContext(Type type) {
        return Context.class.equals(type);
    }

    private static String rawName(Type type) {
        return type instanceof Class<?> clazz ? clazz.getName() : type.getTypeName();
    }
}
