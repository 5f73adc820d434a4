package io.portico.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.service.Caller;
import io.portico.core.service.ServiceApi;
import io.portico.core.testing.members.InputSamples;
import io.portico.core.testing.members.MemberCoverage;
import io.portico.core.testing.members.MemberReads;
import io.portico.core.testing.members.NotHonouredTable;
import io.portico.core.testing.members.OperationDriver;
import io.portico.server.PorticoConfig;
import io.portico.server.PorticoServer;
import io.portico.server.ServiceWiring;
import io.portico.states.engine.StepFunctions;
import io.portico.testing.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A real Portico whose services' handlers record the input members they read, and the two checks of a
 * service's member coverage: every served operation, driven through the call bus with every input member
 * present (and each optional one alone), reads each member its overlay does not list as not honoured and
 * none that it lists, and never fails internally; and the service's docs page shows the overlay's list. Activity long polls are one
 * second, so GetActivityTask answers quickly. One per test class; close it after the last test.
 */
public final class MemberCoverageHarness implements AutoCloseable {
    /** The account and region every call of the coverage tests acts in. */
    public static final Caller CALLER = Caller.of("000000000000", "us-east-1");

    private final Path dataDir;
    private final MemberReads reads = new MemberReads();
    private final PorticoServer server;

    private MemberCoverageHarness(Path dataDir) {
        this.dataDir = dataDir;
        StepFunctions.Settings shortPoll = StepFunctions.Settings.defaults().withActivityLongPoll(Duration.ofSeconds(1));
        this.server = PorticoServer.create(PorticoConfig.forTests(dataDir), Clock.systemUTC(),
                context -> ServiceWiring.services(context, shortPoll).stream().map(reads::watch).toList()).start();
    }

    public static MemberCoverageHarness start() throws IOException {
        return new MemberCoverageHarness(Files.createTempDirectory("portico-members"));
    }

    /** Calls {@code operation} of {@code service} through the call bus, e.g. to create what the others need. */
    public ObjectNode call(String service, String operation, ObjectNode input) throws InterruptedException {
        return server.bus().call(CALLER, service, operation, input);
    }

    /** A served service by SDK id ({@code dynamodbstreams}) or signing name (the first of a shared one). */
    public ServiceApi service(String name) {
        return server.services().named(name).orElseThrow();
    }

    /**
     * Drives every served operation of {@code service} with {@code samples}, every top-level member set to
     * {@code values}' entry for {@code <Operation>.<member>} or else for {@code <member>} when there is
     * one, and asserts that each member is read or listed and no listed member is read. Operations named
     * in {@code last} run last, in that order (they delete what the others use).
     */
    public void assertEveryMemberHonouredOrListed(String service, InputSamples samples, Map<String, JsonNode> values,
            List<String> last) throws InterruptedException {
        ServiceApi api = service(service);
        reads.clear();
        OperationDriver driver = new OperationDriver(server.bus(), api.model(), CALLER);
        MemberCoverage coverage = MemberCoverage.of(api.model());
        List<String> report = new ArrayList<>();
        for (String operation : ordered(api, last)) {
            ObjectNode input = samples.input(operation);
            List<String> names = new ArrayList<>();
            input.fieldNames().forEachRemaining(names::add);
            for (String member : names) {
                JsonNode value = values.getOrDefault(operation + "." + member, values.get(member));
                if (value != null) {
                    input.set(member, value.deepCopy());
                }
            }
            OperationDriver.Errors errors = driver.drive(operation, input);
            // An unexpected exception in a handler is a bug whatever the input: the call must fail as AWS does.
            errors.messages().stream().filter(m -> m.startsWith("InternalFailure"))
                    .findFirst().ifPresent(m -> report.add(operation + " failed internally (see the log): " + m));
            var findings = coverage.check(operation, reads.of(operation));
            if (!findings.isEmpty()) {
                report.add(findings + (errors.messages().isEmpty() ? "" : "\n    its calls answered "
                        + errors.messages().stream().distinct().toList()));
            }
        }
        assertThat(report).as("input members of %s neither honoured nor listed, or listed and read, and internal"
                + " failures", service).isEmpty();
    }

    /** Asserts that {@code page} (under the repository's {@code docs/}) shows the overlay's not-honoured table. */
    public void assertDocsShowTheList(String service, String page) throws IOException {
        ServiceApi api = service(service);
        String expected = NotHonouredTable.markdown(MemberCoverage.of(api.model()), api.servedOperations());
        String text = Files.readString(Repository.root().resolve("docs").resolve(page));
        assertThat(NotHonouredTable.in(text)).as("docs/%s's table of members not honoured; it should read:%n%s", page,
                expected).contains(expected);
    }

    private static List<String> ordered(ServiceApi api, List<String> last) {
        List<String> operations = new ArrayList<>(api.servedOperations());
        operations.removeAll(last);
        operations.sort(Comparator.naturalOrder());
        operations.addAll(last);
        return operations;
    }

    /** A JSON string value, for {@code values}. */
    public static JsonNode text(String value) {
        return Json.mapper().getNodeFactory().textNode(value);
    }

    /** A JSON value parsed from {@code json}, for {@code values}. */
    public static JsonNode json(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), JsonNode.class);
    }

    @Override
    public void close() {
        server.close();
        PorticoExtension.deleteRecursively(dataDir);
    }
}
