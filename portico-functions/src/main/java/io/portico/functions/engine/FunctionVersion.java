package io.portico.functions.engine;

import java.time.Instant;

/**
 * One version of a function: {@code $LATEST} (mutable) or a published number (immutable). The code is
 * named by its SHA-256 ({@code codeSha256} is Lambda's base64 form) and kept by {@link CodeStorage}.
 */
public record FunctionVersion(
        String accountId,
        String region,
        String name,
        String version,
        FunctionSettings settings,
        String codeSha256,
        long codeSize,
        Instant lastModified,
        String revisionId,
        FunctionState state) {
    public static final String LATEST = "$LATEST";

    public String functionArn() {
        return FunctionRef.arn(accountId, region, name);
    }

    /** The ARN GetFunctionConfiguration reports: unqualified for $LATEST, with the number otherwise. */
    public String reportedArn() {
        return version.equals(LATEST) ? functionArn() : functionArn() + ":" + version;
    }

    public FunctionVersion withState(FunctionState newState, String newRevisionId) {
        return new FunctionVersion(accountId, region, name, version, settings, codeSha256, codeSize, lastModified,
                newRevisionId, newState);
    }

    /** This version with the description PublishVersion gave, if it gave one. */
    public FunctionVersion withDescription(java.util.Optional<String> description) {
        if (description.isEmpty()) {
            return this;
        }
        FunctionSettings described = settings.withDescription(description.get());
        return new FunctionVersion(accountId, region, name, version, described, codeSha256, codeSize, lastModified,
                revisionId, state);
    }
}
