package io.portico.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Builds function packages from test resources and deploys them with the real LambdaClient. */
public final class TestFunctions {
    public static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    private TestFunctions() {
    }

    /** A zip holding one test resource as {@code bootstrap} (executable), as a provided.al2023 function ships. */
    public static byte[] bootstrapZip(String resource) {
        try (InputStream in = TestFunctions.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return zip(Map.of("bootstrap", in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Creates a provided.al2023 function and waits until it is Active. */
    public static String deployBootstrap(LambdaClient lambda, String name, byte[] zip, Map<String, String> environment) {
        String arn = lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PROVIDED_AL2023).handler("bootstrap")
                .role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))
                .environment(e -> e.variables(environment))).functionArn();
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return arn;
    }

    /** Creates a function of {@code runtime} whose zip holds {@code files} (path to source text) and waits until it is Active. */
    public static void deploySource(LambdaClient lambda, String name, Runtime runtime, String handler, Map<String, String> files) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        files.forEach((file, text) -> entries.put(file, text.getBytes(StandardCharsets.UTF_8)));
        lambda.createFunction(b -> b.functionName(name).runtime(runtime).handler(handler).role(ROLE)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip(entries)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    /** Whether {@code executable} is on the PATH: the Node.js and Python tests' prerequisite. */
    public static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(entry -> !entry.isEmpty() && Files.isExecutable(Path.of(entry, executable)));
    }
}
