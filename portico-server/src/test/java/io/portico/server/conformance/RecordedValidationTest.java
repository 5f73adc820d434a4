package io.portico.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.core.json.Json;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.Caller;
import io.portico.core.service.ServiceApi;
import io.portico.server.PorticoServer;
import io.portico.server.conformance.RecordedCase.Call;
import io.portico.server.conformance.RecordedCase.Verdict;
import io.portico.server.testing.PorticoTest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Portico's validation errors, compared with AWS's as recorded in {@code ../shared/conformance/lambda}
 * ({@code test_lambda_api}) and {@code ../shared/conformance/stepfunctions-api}: every recorded validation
 * error (a message with "validation error" or "failed to satisfy constraint" in it) is listed in
 * {@link RecordedValidationCases}, and Portico answers it with AWS's error code and message, or it is a
 * known difference (listed there and in the service's docs, "Differences from AWS"), or its operation is
 * one Portico does not serve. A recorded error nobody listed, a listed one the recordings no longer have, a
 * known difference that now matches and a "not served" operation that is now served all fail.
 *
 * <p>Calls go through the call bus, which validates and answers exactly as the wire does. Expected messages
 * are read from the recordings at test time, with their placeholders replaced by the values the call used.
 */
@PorticoTest
class RecordedValidationTest {
    private static final Caller CALLER = Caller.of(RecordedValidationCases.ACCOUNT, RecordedValidationCases.REGION);
    private static final Pattern REPEATED_A = Pattern.compile("<a:len\\((\\d+)\\)>");
    private static final Map<String, String> GLOBAL_PLACEHOLDERS = Map.of("<partition>", "aws",
            "<region>", RecordedValidationCases.REGION, "111111111111", RecordedValidationCases.ACCOUNT);

    private static Recordings recordings;

    @BeforeAll
    static void loadRecordingsAndCreateFunction(PorticoServer server) throws InterruptedException {
        recordings = Recordings.load();
        server.bus().call(CALLER, "lambda", "CreateFunction", LambdaValidationCases
                .createFunction(RecordedValidationCases.FUNCTION)
                .with("Runtime", "provided.al2023").with("Handler", "bootstrap").input());
        // An update is refused while the function is still being created, before its input is looked at.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !server.bus().call(CALLER, "lambda",
                "GetFunctionConfiguration", Json.object().put("FunctionName", RecordedValidationCases.FUNCTION))
                .path("LastUpdateStatus").asText().equals("InProgress"));
    }

    @Test
    void recordedValidationErrors_areEachListedOnce() {
        List<RecordedError.Where> recorded = recordings.validationErrors();
        List<RecordedError.Where> listed = RecordedValidationCases.all().stream().map(RecordedCase::where).toList();

        assertThat(new HashSet<>(listed)).as("listed twice").hasSameSizeAs(listed);
        assertThat(listed.stream().filter(where -> !recorded.contains(where)).toList())
                .as("listed in RecordedValidationCases but not a recorded validation error").isEmpty();
        assertThat(recorded.stream().filter(where -> !listed.contains(where)).toList())
                .as("recorded validation errors nobody listed in RecordedValidationCases").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> matchingCases_answerAwsCodeAndMessage(PorticoServer server) {
        return RecordedValidationCases.all().stream()
                .filter(c -> c.verdict() instanceof Verdict.Matches)
                .map(c -> DynamicTest.dynamicTest(c.where().toString(), () -> {
                    Call call = ((Verdict.Matches) c.verdict()).call();
                    RecordedError aws = recorded(c);
                    Answer portico = Answer.of(server, call);

                    assertThat(portico.code() + ": " + aws.text().comparable(portico.message()))
                            .as("%s, recorded at %s %s", c.where(), recordings.file(c.where()), aws.jsonPath())
                            .isEqualTo(aws.code() + ": " + aws.text().expected(substitute(call)));
                }));
    }

    @TestFactory
    Stream<DynamicTest> knownDifferences_stillDiffer(PorticoServer server) {
        return RecordedValidationCases.all().stream()
                .filter(c -> c.verdict() instanceof Verdict.Differs)
                .map(c -> DynamicTest.dynamicTest(c.where().toString(), () -> {
                    Verdict.Differs differs = (Verdict.Differs) c.verdict();
                    RecordedError aws = recorded(c);
                    Answer portico = Answer.of(server, differs.call());

                    boolean same = portico.code().equals(aws.code()) && aws.text().comparable(portico.message())
                            .equals(aws.text().expected(substitute(differs.call())));
                    assertThat(same).as("%s: Portico now answers as AWS (%s): list the case as matching and drop"
                            + " the difference from the docs", c.where(), portico).isFalse();
                }));
    }

    @TestFactory
    Stream<DynamicTest> notServedCases_areNotServed(PorticoServer server) {
        return RecordedValidationCases.all().stream()
                .filter(c -> c.verdict() instanceof Verdict.NotServed)
                .map(c -> DynamicTest.dynamicTest(c.where().toString(), () -> {
                    Verdict.NotServed notServed = (Verdict.NotServed) c.verdict();
                    ServiceApi api = server.services().all().stream()
                            .filter(s -> s.model().sdkId().equalsIgnoreCase(notServed.service())).findFirst()
                            .orElseThrow();

                    assertThat(api.servedOperations()).as("%s: %s is served now, compare its recorded messages",
                            c.where(), notServed.operation()).doesNotContain(notServed.operation());
                }));
    }

    private static RecordedError recorded(RecordedCase c) {
        return recordings.error(c.where()).orElseThrow(() -> new AssertionError("no error in a form this test reads at "
                + c.where()));
    }

    /** The recording's placeholders, the call's and the global ones, replaced by the values the call used. */
    private static UnaryOperator<String> substitute(Call call) {
        return text -> {
            String out = text;
            for (Map.Entry<String, String> e : call.placeholders().entrySet()) {
                out = out.replace(e.getKey(), e.getValue());
            }
            for (Map.Entry<String, String> e : GLOBAL_PLACEHOLDERS.entrySet()) {
                out = out.replace(e.getKey(), e.getValue());
            }
            Matcher repeated = REPEATED_A.matcher(out);
            return repeated.replaceAll(m -> "a".repeat(Integer.parseInt(m.group(1))));
        };
    }

    /** How Portico answered a call: an error's code and message, or success (empty code and message). */
    private record Answer(String code, String message) {
        static Answer of(PorticoServer server, Call call) throws InterruptedException {
            try {
                server.bus().call(CALLER, call.service(), call.operation(), call.input());
                return new Answer("", "");
            } catch (AwsErrorException e) {
                return new Answer(e.error().code(), e.error().message().orElse(""));
            }
        }

        @Override
        public String toString() {
            return code.isEmpty() ? "no error" : code + ": " + message;
        }
    }
}
