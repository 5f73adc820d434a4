package io.portico.server.conformance;

import io.portico.server.conformance.RecordedCase.Call;
import io.portico.server.conformance.RecordedCase.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Every validation error AWS answered in the recordings of the operations Lambda, Step Functions and
 * DynamoDB have, with the input that produced it (rebuilt from LocalStack's test source and the recorded
 * values) and how Portico answers it: {@link LambdaValidationCases}, {@link LambdaFunctionNameCases},
 * {@link StatesValidationCases}, {@link TestStateMockCases} and {@link DynamoDbValidationCases}. The expected messages are not here:
 * {@link RecordedValidationTest} reads them from the recordings.
 *
 * <p>Where a recording replaced a value with a placeholder, the call names the value it chose for it; the
 * account ({@code 111111111111}), partition and region placeholders stand for the caller's everywhere.
 */
final class RecordedValidationCases {
    /** The account and region the calls are made in. */
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    /** A function created before the cases run, for the calls AWS answered about an existing function. */
    static final String FUNCTION = "recorded-validation-fn";
    /** A deployment package: a zip with an executable {@code bootstrap}, enough for a {@code provided.al2023} function. */
    static final String ZIP = zip();

    private RecordedValidationCases() {
    }

    /** Every case, in the order of the recordings. */
    static List<RecordedCase> all() {
        List<RecordedCase> all = new ArrayList<>();
        all.addAll(LambdaValidationCases.all());
        all.addAll(LambdaFunctionNameCases.all());
        all.addAll(StatesValidationCases.all());
        all.addAll(TestStateMockCases.all());
        all.addAll(DynamoDbValidationCases.all());
        return all;
    }

    static RecordedCase matches(String snapshot, String testId, String key, Call call) {
        return new RecordedCase(new RecordedError.Where(snapshot, testId, key), new Verdict.Matches(call));
    }

    static RecordedCase differs(String snapshot, String testId, String key, Call call, String reason) {
        return new RecordedCase(new RecordedError.Where(snapshot, testId, key), new Verdict.Differs(call, reason));
    }

    static RecordedCase notServed(String snapshot, String testId, String key, String operation) {
        return notServed("lambda", snapshot, testId, key, operation);
    }

    /** A recorded error of {@code operation} of the service with SDK id {@code service}, which Portico does not serve yet. */
    static RecordedCase notServed(String service, String snapshot, String testId, String key, String operation) {
        return new RecordedCase(new RecordedError.Where(snapshot, testId, key), new Verdict.NotServed(service, operation));
    }

    private static String zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("bootstrap"));
            zip.write("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
