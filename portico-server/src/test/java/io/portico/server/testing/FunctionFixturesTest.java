package io.portico.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

class FunctionFixturesTest {

    @Test
    void lambdaZip_hasClassesAtTheRoot_andDependenciesInLib_butNotTheProvidedCore() throws IOException {
        try (ZipFile zip = new ZipFile(FunctionFixtures.lambdaZip().toFile())) {
            assertThat(zip.getEntry("example/EchoHandler.class")).isNotNull();
            assertThat(zip.getEntry("Raise.class")).isNotNull();
            assertThat(zip.stream().map(ZipEntry::getName))
                    .anyMatch(name -> name.matches("lib/aws-lambda-java-events-[\\d.]+\\.jar"))
                    .anyMatch(name -> name.matches("lib/sfn-[\\d.]+\\.jar"))
                    .noneMatch(name -> name.contains("aws-lambda-java-core"));
        }
    }

    @Test
    void jar_hasTheHandlerClasses() throws IOException {
        try (ZipFile jar = new ZipFile(FunctionFixtures.jar().toFile())) {
            assertThat(jar.getEntry("example/conformance/Echo.class")).isNotNull();
        }
    }
}
