package io.portico.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Module rules that hold for all of Portico's main code on the server's classpath. Rules about
 * packages that do not exist yet pass vacuously and start to bite once those packages appear.
 */
class ArchitectureTest {

    static JavaClasses mainClasses;

    @BeforeAll
    static void importClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.portico");
    }

    @Test
    void mainCode_doesNotUseSystemOutOrErr() {
        ArchRule rule = noClasses().that().resideInAPackage("io.portico..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("output goes through SLF4J")
                .allowEmptyShould(true);
        rule.check(mainClasses);
    }

    @Test
    void engines_doNotDependOnHttp() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.portico.states.asl..", "io.portico.states.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "java.net.http..")
                .because("engines are pure; only api layers and the server speak HTTP")
                .allowEmptyShould(true);
        rule.check(mainClasses);
    }
}
