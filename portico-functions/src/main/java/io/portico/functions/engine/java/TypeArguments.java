package io.portico.functions.engine.java;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The actual type arguments a class gives a generic interface it implements, directly or through
 * superclasses and superinterfaces, e.g. {@code <I, O>} of {@code RequestHandler<I, O>} for
 * {@code class H extends Base<Map<String, Object>>} where {@code Base<T> implements RequestHandler<T, String>}.
 * A variable the hierarchy never binds stays a {@link TypeVariable}. Stateless.
 */
final class TypeArguments {

    private TypeArguments() {
    }

    /** The arguments of {@code target} as seen from {@code type}; empty if it implements it raw or not at all. */
    static Optional<Type[]> of(Class<?> type, Class<?> target) {
        return resolve(type, target, Map.of());
    }

    private static Optional<Type[]> resolve(Type type, Class<?> target, Map<TypeVariable<?>, Type> outer) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> rawClass) {
            raw = rawClass;
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length && i < arguments.length; i++) {
                bindings.put(variables[i], substitute(arguments[i], outer));
            }
        } else if (type instanceof Class<?> plain) {
            raw = plain;
        } else {
            return Optional.empty();
        }
        if (raw == target) {
            return raw.getTypeParameters().length == 0 || bindings.isEmpty() ? Optional.empty()
                    : Optional.of(resolvedArguments(raw, bindings));
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Optional<Type[]> found = resolve(parent, target, bindings);
            if (found.isPresent()) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? Optional.empty() : resolve(superclass, target, bindings);
    }

    private static Type[] resolvedArguments(Class<?> raw, Map<TypeVariable<?>, Type> bindings) {
        TypeVariable<?>[] variables = raw.getTypeParameters();
        Type[] resolved = new Type[variables.length];
        for (int i = 0; i < variables.length; i++) {
            resolved[i] = bindings.getOrDefault(variables[i], variables[i]);
        }
        return resolved;
    }

    private static Type substitute(Type argument, Map<TypeVariable<?>, Type> bindings) {
        return argument instanceof TypeVariable<?> variable ? bindings.getOrDefault(variable, variable) : argument;
    }
}
