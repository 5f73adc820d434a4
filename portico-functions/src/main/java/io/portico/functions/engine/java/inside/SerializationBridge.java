package io.portico.functions.engine.java.inside;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.GsonFactory;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Chooses the serializer for a handler's input or output type exactly as Lambda's Java runtime does,
 * and hands it to Portico as plain JDK functions.
 *
 * <p>The choice, in Lambda's order: a {@link CustomPojoSerializer} the function registers through
 * {@code META-INF/services} (at most one); for an aws-lambda-java-events class that
 * {@link LambdaEventSerializers} supports, its event serializer (Jackson with Lambda's mix-ins, over
 * the function's own events classes); for a client context whose platform is Android, Gson; otherwise
 * Lambda's Jackson POJO serializer. Lambda's serialization library is defined in the function's
 * class loader together with this class, so its Jackson caches (which keep every type they have seen)
 * die with the environment instead of pinning the function's classes in Portico forever. Thread safe.
 */
public final class SerializationBridge {
    private static final Map<List<Object>, PojoSerializer<Object>> SERIALIZERS = new ConcurrentHashMap<>();
    private static final ReentrantLock CUSTOM_LOOKUP = new ReentrantLock();
    private static volatile CustomPojoSerializer custom;
    private static volatile boolean customLooked;

    private SerializationBridge() {
    }

    /** Reads a value of {@code type} from JSON; throws what the serializer throws on bad input. */
    public static Function<InputStream, Object> reader(Type type, boolean android) {
        PojoSerializer<Object> serializer = serializer(type, android);
        return serializer::fromJson;
    }

    /** Writes a value of {@code type} as JSON. */
    public static BiConsumer<Object, OutputStream> writer(Type type, boolean android) {
        PojoSerializer<Object> serializer = serializer(type, android);
        return serializer::toJson;
    }

    private static PojoSerializer<Object> serializer(Type type, boolean android) {
        return SERIALIZERS.computeIfAbsent(List.of(type, android), key -> create(type, android));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PojoSerializer<Object> create(Type type, boolean android) {
        CustomPojoSerializer customSerializer = customSerializer();
        if (customSerializer != null) {
            return new CustomAdapter(customSerializer, type);
        }
        if (type instanceof Class<?> clazz && LambdaEventSerializers.isLambdaSupportedEvent(clazz.getName())) {
            return LambdaEventSerializers.serializerFor((Class) clazz, SerializationBridge.class.getClassLoader());
        }
        if (android) {
            return GsonFactory.getInstance().getSerializer(type);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    private static CustomPojoSerializer customSerializer() {
        if (!customLooked) {
            // ServiceLoader reads the function's jars: a lock, not a monitor, so the invoking virtual
            // thread does not pin its carrier while it waits.
            CUSTOM_LOOKUP.lock();
            try {
                if (!customLooked) {
                    custom = loadCustomSerializer();
                    customLooked = true;
                }
            } finally {
                CUSTOM_LOOKUP.unlock();
            }
        }
        return custom;
    }

    private static CustomPojoSerializer loadCustomSerializer() {
        Iterator<CustomPojoSerializer> found = ServiceLoader
                .load(CustomPojoSerializer.class, SerializationBridge.class.getClassLoader()).iterator();
        if (!found.hasNext()) {
            return null;
        }
        CustomPojoSerializer first = found.next();
        if (found.hasNext()) {
            throw new IllegalStateException(
                    "Too many serializers provided inside the META-INF/services folder, only one is allowed");
        }
        return first;
    }

    /** A function's own serializer, told the type as Lambda's runtime tells it. */
    private record CustomAdapter(CustomPojoSerializer serializer, Type type) implements PojoSerializer<Object> {

        @Override
        public Object fromJson(InputStream input) {
            return serializer.fromJson(input, type);
        }

        @Override
        public Object fromJson(String input) {
            return serializer.fromJson(input, type);
        }

        @Override
        public void toJson(Object value, OutputStream output) {
            serializer.toJson(value, output, type);
        }
    }
}
