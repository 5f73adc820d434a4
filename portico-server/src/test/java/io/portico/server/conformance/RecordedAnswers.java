package io.portico.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.testing.SharedDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One AWS-validated entry of a LocalStack snapshot of DynamoDB, DynamoDB Streams or their Lambda event
 * source mappings ({@code ../shared/conformance/dynamodb}), and the comparison of Portico's answers with it.
 *
 * <p>The comparison is of the JSON on the wire, member by member: an object has exactly the recorded
 * members ({@code ResponseMetadata} stands for the HTTP status), a list the recorded elements in order, a
 * number the recorded value. The recording's placeholders match what AWS's value was replaced by:
 * <ul>
 *   <li>{@code <partition>}, {@code <region>} and the account {@code 111111111111} are the caller's;
 *   <li>{@code <name:n>} is one value throughout the entry (the first answer that shows it binds it, and
 *       two placeholders of one name never bind the same value), {@code <name>} any text, and any value when
 *       it is the whole value (LocalStack's transformers replace a member's value whatever it was);
 *   <li>{@code datetime}, {@code timestamp} and the other transformed values match any value present;
 *   <li>{@code b'...'} is a binary as botocore prints it, compared with the base64 on the wire.
 * </ul>
 * A refusal is compared by its code, message, status and the other members AWS's body had
 * ({@code Item}, {@code Type}, ...).
 *
 * <p>Not thread safe: one instance per test.
 */
public final class RecordedAnswers {
    private static final String DIR = "conformance/dynamodb/localstack-snapshots/";
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";
    private static final Pattern PLACEHOLDER = Pattern.compile("<([a-z0-9-]+)(?::(\\d+))?>");
    private static final Pattern BOTO_ERROR = Pattern.compile("An error occurred \\((.+?)\\) when calling the \\w+"
            + " operation: (.*)", Pattern.DOTALL);
    /** A value LocalStack replaced whole and unnumbered ({@code "<approximate-creation-datetime>"}): any value, even a list. */
    private static final Pattern WHOLE_VALUE = Pattern.compile("<(?!partition>|region>)[a-z0-9-]+>");
    private static final List<String> ANY_VALUE = List.of("datetime", "timestamp", "starting-sequence-number",
            "approximate-creation-date-time");

    private final String testId;
    private final JsonNode content;
    private final Map<String, String> bound = new LinkedHashMap<>();

    private RecordedAnswers(String testId, JsonNode content) {
        this.testId = testId;
        this.content = content;
    }

    /** The entry {@code testId} ({@code TestDynamoDB::test_table_crud}) of {@code test_dynamodb.snapshot.json}. */
    public static RecordedAnswers dynamoDb(String testId) {
        return load("test_dynamodb", testId);
    }

    /** The entry {@code testId} of {@code test_dynamodb_streams.snapshot.json}. */
    public static RecordedAnswers dynamoDbStreams(String testId) {
        return load("test_dynamodb_streams", testId);
    }

    /** The entry {@code testId} of {@code test_lambda_integration_dynamodbstreams.snapshot.json}. */
    public static RecordedAnswers streamMappings(String testId) {
        return load("test_lambda_integration_dynamodbstreams", testId);
    }

    private static RecordedAnswers load(String snapshot, String testId) {
        Path file = SharedDirectory.current().require(DIR + snapshot + ".snapshot.json");
        JsonNode validated = read(file.resolveSibling(snapshot + ".validation.json"));
        JsonNode entries = read(file);
        String key = fullId(entries, testId);
        assertThat(validated.has(key)).as("%s is not validated against AWS (%s)", testId, snapshot).isTrue();
        return new RecordedAnswers(testId, entries.get(key).path("recorded-content"));
    }

    /** The ids (without the test file's path) of a snapshot's AWS-validated entries. */
    public static List<String> validatedIds(String snapshot) {
        Path file = SharedDirectory.current().require(DIR + snapshot + ".snapshot.json");
        JsonNode validated = read(file.resolveSibling(snapshot + ".validation.json"));
        List<String> ids = new ArrayList<>();
        read(file).fieldNames().forEachRemaining(id -> {
            if (validated.has(id)) {
                ids.add(shortId(id));
            }
        });
        return ids;
    }

    private static String fullId(JsonNode entries, String testId) {
        List<String> ids = new ArrayList<>();
        entries.fieldNames().forEachRemaining(ids::add);
        return ids.stream().filter(id -> shortId(id).equals(testId)).findFirst()
                .orElseThrow(() -> new AssertionError("no recording " + testId));
    }

    private static String shortId(String id) {
        int at = id.indexOf(".py::");
        return at < 0 ? id : id.substring(at + ".py::".length());
    }

    private static JsonNode read(Path file) {
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** What AWS answered under {@code key}, as recorded. */
    public JsonNode recorded(String key) {
        JsonNode node = content.get(key);
        assertThat(node).as("%s has no recorded %s", testId, key).isNotNull();
        return node;
    }

    /** Tells the comparison that the recording's {@code placeholder} ({@code <table-name:1>}) stood for {@code value}. */
    public RecordedAnswers where(String placeholder, String value) {
        bound.put(placeholder, value);
        return this;
    }

    /** Portico's answer {@code response} (its body as {@code wire} kept it, and its status) is the one recorded under {@code key}. */
    public void assertAnswer(String key, WireAnswers wire, AwsResponse response) {
        JsonNode recorded = recorded(key);
        List<String> differences = new ArrayList<>();
        int status = recorded.path("ResponseMetadata").path("HTTPStatusCode").asInt(200);
        if (response.sdkHttpResponse().statusCode() != status) {
            differences.add("HTTP status: recorded " + status + ", answered " + response.sdkHttpResponse().statusCode());
        }
        JsonNode body = wire.body(response);
        compare("$", recorded, body, differences);
        report(key, recorded, body, differences);
    }

    /** {@code actual} (a part of an answer, or what a function received) is what was recorded under {@code key}. */
    public void assertRecorded(String key, JsonNode actual) {
        assertMatches(key, recorded(key), actual);
    }

    /** {@code actual} is {@code recorded}, a part of the entry recorded under {@code key}. */
    public void assertMatches(String key, JsonNode recorded, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        compare("$", recorded, actual, differences);
        report(key, recorded, actual, differences);
    }

    /** Portico's refusal {@code e} is the error recorded under {@code key}: code, message, status and body members. */
    public void assertRefusal(String key, AwsServiceException e) {
        JsonNode recorded = recorded(key);
        List<String> differences = new ArrayList<>();
        String code = e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails().errorMessage();
        if (recorded.isTextual()) {
            Matcher boto = BOTO_ERROR.matcher(recorded.asText());
            assertThat(boto.matches()).as("%s [%s] is not an error", testId, key).isTrue();
            compareText("$.code", boto.group(1), code, differences);
            compareText("$.message", boto.group(2), message, differences);
            report(key, recorded, Json.object().put("code", code).put("message", message), differences);
            return;
        }
        compareText("$.Error.Code", recorded.path("Error").path("Code").asText(), code, differences);
        compareText("$.Error.Message", recorded.path("Error").path("Message").asText(), message, differences);
        int status = recorded.path("ResponseMetadata").path("HTTPStatusCode").asInt();
        if (e.statusCode() != status) {
            differences.add("HTTP status: recorded " + status + ", answered " + e.statusCode());
        }
        JsonNode body = errorBody(e);
        recorded.properties().forEach(member -> {
            if (!member.getKey().equals("Error") && !member.getKey().equals("ResponseMetadata")) {
                compare("$." + member.getKey(), member.getValue(), body.get(member.getKey()), differences);
            }
        });
        report(key, recorded, body, differences);
    }

    private static JsonNode errorBody(AwsServiceException e) {
        try {
            return Json.mapper().readTree(e.awsErrorDetails().rawResponse().asByteArray());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void report(String key, JsonNode recorded, JsonNode actual, List<String> differences) {
        assertThat(differences).as("%s [%s]\nrecorded: %s\nanswered: %s", testId, key, recorded, actual).isEmpty();
    }

    private void compare(String path, JsonNode recorded, JsonNode actual, List<String> differences) {
        if (actual == null || actual.isMissingNode()) {
            differences.add(path + ": recorded " + recorded + ", absent");
            return;
        }
        if (recorded.isObject()) {
            compareObject(path, recorded, actual, differences);
        } else if (recorded.isArray()) {
            if (!actual.isArray() || actual.size() != recorded.size()) {
                differences.add(path + ": recorded " + recorded.size() + " elements, answered " + actual);
                return;
            }
            for (int i = 0; i < recorded.size(); i++) {
                compare(path + "[" + i + "]", recorded.get(i), actual.get(i), differences);
            }
        } else if (recorded.isNumber()) {
            if (!actual.isNumber() || actual.decimalValue().compareTo(recorded.decimalValue()) != 0) {
                differences.add(path + ": recorded " + recorded + ", answered " + actual);
            }
        } else if (recorded.isTextual()) {
            compareScalarText(path, recorded.asText(), actual, differences);
        } else if (!recorded.equals(actual)) {
            differences.add(path + ": recorded " + recorded + ", answered " + actual);
        }
    }

    private void compareObject(String path, JsonNode recorded, JsonNode actual, List<String> differences) {
        if (!actual.isObject()) {
            differences.add(path + ": recorded an object, answered " + actual);
            return;
        }
        List<String> unmatched = new ArrayList<>();
        actual.fieldNames().forEachRemaining(name -> {
            if (!recorded.has(name)) {
                unmatched.add(name);
            }
        });
        recorded.properties().forEach(member -> {
            String name = member.getKey();
            if (name.equals("ResponseMetadata")) {
                return;
            }
            if (!actual.has(name) && PLACEHOLDER.matcher(name).find()) {
                name = unmatched.stream().filter(candidate -> textMatches(member.getKey(), candidate)).findFirst()
                        .orElse(name);
                unmatched.remove(name);
                compareText(path + " key", member.getKey(), name, differences);
            }
            compare(path + "." + name, member.getValue(), actual.get(name), differences);
        });
        unmatched.forEach(name -> differences.add(path + "." + name + ": not recorded, answered " + actual.get(name)));
    }

    /** Whether Portico's {@code actual} text is the recorded one, binding nothing. */
    private boolean textMatches(String recorded, String actual) {
        Map<String, String> before = new LinkedHashMap<>(bound);
        List<String> differences = new ArrayList<>();
        compareText("", recorded, actual, differences);
        bound.clear();
        bound.putAll(before);
        return differences.isEmpty();
    }

    private void compareScalarText(String path, String recorded, JsonNode actual, List<String> differences) {
        if (ANY_VALUE.contains(recorded) && actual.isValueNode()) {
            return;
        }
        if (WHOLE_VALUE.matcher(recorded).matches()) {
            return;
        }
        if (recorded.startsWith("b'") && recorded.endsWith("'") && actual.isTextual()) {
            byte[] expected = PythonBytes.decode(recorded.substring(2, recorded.length() - 1));
            if (!java.util.Arrays.equals(expected, java.util.Base64.getDecoder().decode(actual.asText()))) {
                differences.add(path + ": recorded " + recorded + ", answered base64 " + actual.asText());
            }
            return;
        }
        if (!actual.isValueNode() || actual.isNull()) {
            differences.add(path + ": recorded " + recorded + ", answered " + actual);
            return;
        }
        compareText(path, recorded, actual.asText(), differences);
    }

    /** Text with placeholders against Portico's text, binding the numbered placeholders it meets first. */
    private void compareText(String path, String recorded, String actual, List<String> differences) {
        StringBuilder regex = new StringBuilder();
        List<String> groups = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(recorded);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(literal(recorded.substring(last, m.start()))));
            regex.append(placeholder(m.group(), m.group(2) != null, groups));
            last = m.end();
        }
        regex.append(Pattern.quote(literal(recorded.substring(last))));
        Matcher match = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual == null ? "" : actual);
        if (!match.matches()) {
            differences.add(path + ": recorded \"" + recorded + "\", answered \"" + actual + "\"");
            return;
        }
        for (int i = 0; i < groups.size(); i++) {
            bind(path, groups.get(i), match.group(i + 1), differences);
        }
    }

    private String placeholder(String token, boolean numbered, List<String> groups) {
        switch (token) {
            case "<partition>":
                return "aws";
            case "<region>":
                return Pattern.quote(REGION);
            default:
                break;
        }
        if (!numbered) {
            return ".+?";
        }
        if (bound.containsKey(token)) {
            return Pattern.quote(bound.get(token));
        }
        int earlier = groups.indexOf(token);
        if (earlier >= 0) {
            return "\\" + (earlier + 1);
        }
        groups.add(token);
        return "(.+?)";
    }

    private void bind(String path, String placeholder, String value, List<String> differences) {
        String family = placeholder.substring(0, placeholder.indexOf(':'));
        bound.forEach((other, otherValue) -> {
            if (!other.equals(placeholder) && other.startsWith(family + ":") && otherValue.equals(value)) {
                differences.add(path + ": " + placeholder + " and " + other + " were different values, both answered "
                        + value);
            }
        });
        bound.putIfAbsent(placeholder, value);
    }

    private static String literal(String recorded) {
        return recorded.replace("111111111111", ACCOUNT);
    }

    /** botocore's printing of bytes ({@code b'\x90'}): the escapes Python's {@code repr} uses. */
    private static final class PythonBytes {
        static byte[] decode(String text) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c != '\\') {
                    out.write(c);
                    continue;
                }
                char next = text.charAt(++i);
                switch (next) {
                    case 'x' -> {
                        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    case 'n' -> out.write('\n');
                    case 't' -> out.write('\t');
                    case 'r' -> out.write('\r');
                    default -> out.write(next);
                }
            }
            return out.toByteArray();
        }
    }
}
