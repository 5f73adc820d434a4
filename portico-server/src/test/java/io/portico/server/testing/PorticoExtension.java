package io.portico.server.testing;

import io.portico.core.protocol.AccessKey;
import io.portico.server.PorticoConfig;
import io.portico.server.PorticoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * The JUnit 5 extension behind {@link PorticoTest}: one {@link PorticoServer} per test class, started
 * before the first test and closed (data directory deleted) after the last.
 */
public final class PorticoExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver,
        TestInstancePostProcessor {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PorticoExtension.class);

    /** The server and its data directory, kept in the class-level extension store. */
    private record Running(PorticoServer server, Path dataDir, PorticoClients clients) {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        PorticoTest annotation = context.getRequiredTestClass().getAnnotation(PorticoTest.class);
        List<AccessKey> keys = annotation == null ? List.of()
                : Arrays.stream(annotation.credentials()).map(AccessKey::parse).toList();
        Path dataDir = Files.createTempDirectory("portico-test");
        PorticoServer server = PorticoServer.create(PorticoConfig.forTests(dataDir).withCredentials(keys)).start();
        PorticoClients clients = keys.isEmpty()
                ? new PorticoClients(server.awsEndpoint(), "test", "test")
                : new PorticoClients(server.awsEndpoint(), keys.get(0).accessKeyId(), keys.get(0).secretAccessKey());
        context.getStore(NAMESPACE).put(Running.class, new Running(server, dataDir, clients));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).remove(Running.class, Running.class);
        if (running == null) {
            return;
        }
        running.server().close();
        deleteRecursively(running.dataDir());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return injectable(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return valueFor(parameter.getParameter().getType(), running(context));
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        Running running = running(context);
        for (Class<?> type = testInstance.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isFinal(field.getModifiers())
                        && injectable(field.getType())) {
                    field.setAccessible(true);
                    field.set(testInstance, valueFor(field.getType(), running));
                }
            }
        }
    }

    private static boolean injectable(Class<?> type) {
        return type == PorticoServer.class || type == URI.class || type == PorticoClients.class;
    }

    private static Object valueFor(Class<?> type, Running running) {
        if (type == PorticoServer.class) {
            return running.server();
        }
        if (type == URI.class) {
            return running.server().awsEndpoint();
        }
        return running.clients();
    }

    private static Running running(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Running running = c.getStore(NAMESPACE).get(Running.class, Running.class);
            if (running != null) {
                return running;
            }
        }
        throw new IllegalStateException("no Portico running: annotate the test class with @PorticoTest");
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
