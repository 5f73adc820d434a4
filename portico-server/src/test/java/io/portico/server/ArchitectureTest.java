package io.portico.server;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.portico.core.json.Json;
import io.portico.core.service.AwsError;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.AwsResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Module rules that hold for all of Portico's main code on the server's classpath (docs/architecture.md,
 * "Module rules"). The service rules are written over whatever service modules exist: a package
 * {@code io.portico.<name>} is a service module unless {@code <name>} is a platform part (the kit in
 * {@code core}, the store implementations under {@code store}, the {@code server}), so a new module is
 * covered the day it appears. Rules about packages that do not exist yet pass vacuously.
 */
class ArchitectureTest {

    private static final Set<String> PLATFORM = Set.of("core", "store", "server", "benchmarks");

    /**
     * Dependencies that break a rule today and are being removed by work in flight, each with its reason.
     * Keys are "origin class -> target class"; remove an entry as soon as its dependency is gone.
     */
    private static final Map<String, String> TEMPORARY_EXCEPTIONS = Map.of(
            "io.portico.functions.engine.AsyncInvocations -> io.portico.functions.store.AsyncQueue",
            "the payload layout of Lambda's work items lives in the store package; move it to the engine");

    static JavaClasses mainClasses;

    @BeforeAll
    static void importClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.portico");
    }

    @Test
    void serviceModules_areRecognised() {
        // The rules below are written over "whatever service modules exist"; this keeps them from passing
        // vacuously should the package layout change under them.
        Set<String> modules = new java.util.TreeSet<>();
        mainClasses.forEach(c -> module(c).ifPresent(modules::add));
        assertThat(modules).contains("states", "functions").doesNotContain("core", "server", "store");
        assertThat(mainClasses.stream().filter(inLayer("engine"))).isNotEmpty();
        assertThat(mainClasses.stream().filter(inLayer("store"))).isNotEmpty();
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

    @Test
    void enginesAndStores_doNotDependOnTheWireProtocol() {
        ArchRule rule = noClasses().that(inLayer("engine")).or(inLayer("store")).or(inLayer("asl"))
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.portico.core.protocol..")
                        .or(JavaClass.Predicates.belongToAnyOf(AwsError.class, AwsErrorException.class,
                                AwsResponse.class)))
                .because("engines throw their own domain errors with kinds, never an AwsError (or AwsErrorException);"
                        + " each service's api layer maps the kinds to its wire codes")
                .allowEmptyShould(true);
        rule.check(mainClasses);
    }

    @Test
    void kitServices_doNotDependOnTheWireProtocols() {
        ArchRule rule = noClasses().that().resideInAPackage("io.portico.core.service..")
                .should().dependOnClassesThat().resideInAPackage("io.portico.core.protocol..")
                .because("what a service is (its API, errors, calls) sits below the protocols that reach it: the"
                        + " front, the router, the codecs and the in-process bus use it, never the reverse");
        rule.check(mainClasses);
    }

    @Test
    void serviceModules_doNotDependOnEachOther() {
        ArchRule rule = classes().that(inAServiceModule())
                .should(dependOnlyWhere("another service module",
                        (origin, target) -> module(target).filter(m -> !m.equals(module(origin).orElseThrow())).isEmpty()))
                .because("services meet through small interfaces wired in portico-server, never directly")
                .allowEmptyShould(true);
        rule.check(mainClasses);
    }

    @Test
    void kitAndStores_doNotDependOnServicesOrTheServer() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.portico.core..", "io.portico.store..")
                .should(dependOnlyWhere("a service module or the server",
                        (origin, target) -> module(target).isEmpty() && !target.getPackageName().startsWith("io.portico.server")))
                .because("only portico-server wires modules together; the kit knows no service")
                .allowEmptyShould(true);
        rule.check(mainClasses);
    }

    @Test
    void engines_doNotDependOnTheirApi() {
        ArchRule rule = classes().that(inLayer("engine")).or(inLayer("store"))
                .should(dependOnlyWhere("the api layer", (origin, target) -> !layer(target).equals(Optional.of("api"))))
                .because("the api layer decodes wire calls into engine calls; the engine never knows the wire")
                .allowEmptyShould(true);
        rule.check(mainClasses);
    }

    @Test
    void storePackages_areUsedOnlyByThemselvesAndTheServer() {
        ArchRule rule = classes().that(inAServiceModule()).and(describe("outside a store package",
                        (JavaClass c) -> !layer(c).equals(Optional.of("store"))))
                .should(dependOnlyWhere("its module's store package",
                        (origin, target) -> !layer(target).equals(Optional.of("store"))))
                .because("the engine owns its repository interfaces and the store implements them (store -> engine);"
                        + " portico-server constructs the store implementations")
                .allowEmptyShould(true);
        rule.check(mainClasses);
    }

    @Test
    void jacksonMappers_areBuiltOnlyByJson() {
        ArchRule rule = noClasses().that().doNotHaveFullyQualifiedName(Json.class.getName())
                .should().callConstructorWhere(target(owner(assignableTo(ObjectMapper.class))))
                .orShould().callMethodWhere(target(name("builder")).and(target(owner(assignableTo(ObjectMapper.class)))))
                .orShould().callConstructorWhere(target(owner(assignableTo(MapperBuilder.class))))
                .because("Json.mapper() is the one configured mapper; derive an ObjectReader or ObjectWriter for other"
                        + " features")
                .allowEmptyShould(true);
        rule.check(mainClasses);
    }

    /** The service module a class belongs to ({@code states} for {@code io.portico.states.engine}), if any. */
    private static Optional<String> module(JavaClass c) {
        String[] parts = c.getPackageName().split("\\.");
        if (parts.length < 3 || !parts[0].equals("io") || !parts[1].equals("portico") || PLATFORM.contains(parts[2])) {
            return Optional.empty();
        }
        return Optional.of(parts[2]);
    }

    /** The layer package of a service-module class ({@code api}, {@code engine}, {@code store}, ...), if any. */
    private static Optional<String> layer(JavaClass c) {
        String[] parts = c.getPackageName().split("\\.");
        return module(c).isPresent() && parts.length > 3 ? Optional.of(parts[3]) : Optional.empty();
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> inAServiceModule() {
        return describe("are in a service module", c -> module(c).isPresent());
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> inLayer(String name) {
        return describe("are in a service module's " + name + " package", c -> layer(c).equals(Optional.of(name)));
    }

    /**
     * Holds when every dependency of a class on another class satisfies {@code allowed}, apart from the
     * {@link #TEMPORARY_EXCEPTIONS}.
     */
    private static ArchCondition<JavaClass> dependOnlyWhere(String forbidden, BiPredicate<JavaClass, JavaClass> allowed) {
        return new ArchCondition<>("not depend on " + forbidden) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String key = outermost(origin).getName() + " -> " + outermost(target).getName();
                    if (!allowed.test(origin, target) && !TEMPORARY_EXCEPTIONS.containsKey(key)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass current = c;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }
}
