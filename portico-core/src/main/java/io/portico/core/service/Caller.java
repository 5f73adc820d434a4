package io.portico.core.service;

import java.util.Optional;

/**
 * Who makes a call and where: the account the call acts in, the region its resources live in, and the
 * access key it was signed with (absent for calls Portico makes on a resource's behalf, such as a state
 * machine invoking a function). Every resource a call touches is scoped by account and region.
 * Immutable; thread safe; no null components.
 */
public record Caller(String account, String region, Optional<String> accessKeyId) {

    /** A call made by Portico on behalf of a resource of {@code account} in {@code region}. */
    public static Caller of(String account, String region) {
        return new Caller(account, region, Optional.empty());
    }

    /** The principal AWS names in authorization errors; Portico has no IAM users, so the account root. */
    public String principalArn() {
        return "arn:aws:iam::" + account + ":root";
    }
}
