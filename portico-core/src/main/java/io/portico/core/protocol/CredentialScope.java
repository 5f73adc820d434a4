package io.portico.core.protocol;

import java.util.Optional;

/**
 * The SigV4 credential scope of a request, {@code AKID/20240101/us-east-1/states/aws4_request}: who
 * signed it, for which date, region and service. Immutable; thread safe; no component is null.
 */
public record CredentialScope(String accessKeyId, String date, String region, String service) {

    /**
     * Parses the value of a {@code Credential=} parameter (or the {@code X-Amz-Credential} query
     * parameter). Empty if it has not five slash-separated parts ending in {@code aws4_request}.
     */
    public static Optional<CredentialScope> parse(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || !"aws4_request".equals(parts[4])) {
            return Optional.empty();
        }
        return Optional.of(new CredentialScope(parts[0], parts[1], parts[2], parts[3]));
    }

    /** The scope as it appears in the string to sign: {@code date/region/service/aws4_request}. */
    public String scope() {
        return date + "/" + region + "/" + service + "/aws4_request";
    }
}
