package io.portico.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.server.conformance.DynamoDbRecordings.Entry;
import io.portico.testing.Repository;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Every AWS-validated DynamoDB recording is accounted for, in {@link DynamoDbRecordings}: replayed by a test that
 * exists (checked by reflection) and names the recording in its source, or listed as not applicable with its
 * reason; and docs/tables.md shows that list.
 */
class DynamoDbRecordingsLedgerTest {

    @Test
    void everyValidatedRecording_isListedOnce_andNothingElse() {
        List<String> validated = new ArrayList<>();
        DynamoDbRecordings.SNAPSHOTS.forEach(snapshot -> RecordedAnswers.validatedIds(snapshot)
                .forEach(id -> validated.add(snapshot + " " + id)));
        List<String> listed = DynamoDbRecordings.all().stream().map(e -> e.snapshot() + " " + e.id()).toList();

        assertThat(new HashSet<>(listed)).as("listed twice").hasSameSizeAs(listed);
        assertThat(listed.stream().filter(id -> !validated.contains(id)).toList())
                .as("listed in DynamoDbRecordings but not an AWS-validated recording").isEmpty();
        assertThat(validated.stream().filter(id -> !listed.contains(id)).toList())
                .as("AWS-validated recordings that DynamoDbRecordings does not list").isEmpty();
    }

    @Test
    void everyReplayingTest_existsAndNamesItsRecording() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Entry e : DynamoDbRecordings.all()) {
            if (!e.replayed()) {
                assertThat(e.note()).as("%s: the reason it is not applicable", e.id()).isNotBlank();
                continue;
            }
            String className = "io.portico.server." + e.test().substring(0, e.test().indexOf('#'));
            String methodName = e.test().substring(e.test().indexOf('#') + 1);
            if (!isTest(className, methodName)) {
                problems.add(e.id() + ": no test " + className + "#" + methodName);
                continue;
            }
            String testFunction = e.id().substring(e.id().indexOf("::") + 2).replaceFirst("\\[.*", "");
            if (!source(className).contains(testFunction)) {
                problems.add(e.id() + ": " + className + " does not name " + testFunction);
            }
        }
        assertThat(problems).isEmpty();
    }

    private static boolean isTest(String className, String methodName) {
        try {
            return Arrays.stream(Class.forName(className).getDeclaredMethods())
                    .filter(m -> m.getName().equals(methodName))
                    .anyMatch(DynamoDbRecordingsLedgerTest::annotatedAsTest);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static boolean annotatedAsTest(Method m) {
        return m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(ParameterizedTest.class)
                || m.isAnnotationPresent(TestFactory.class);
    }

    private static String source(String className) throws IOException {
        Path file = Repository.root().resolve("portico-server/src/test/java").resolve(className.replace('.', '/') + ".java");
        return Files.readString(file);
    }

    @Test
    void docsPage_showsTheList() throws IOException {
        String expected = DynamoDbRecordings.markdown();
        String text = Files.readString(Repository.root().resolve("docs/tables.md"));
        int begin = text.indexOf("<!-- recordings:begin");
        int end = text.indexOf("<!-- recordings:end -->");
        assertThat(begin).as("docs/tables.md has no recordings:begin marker").isNotNegative();
        String shown = text.substring(text.indexOf('\n', begin) + 1, end);

        assertThat(shown).as("docs/tables.md's table of recordings; it should read:%n%s", expected).isEqualTo(expected);
    }
}
