package io.portico.core.arn;

import java.util.Optional;

/**
 * An Amazon Resource Name: {@code arn:partition:service:region:account:resource}. The resource part
 * keeps its own separators ({@code stateMachine:Name:3}); {@link #resourceParts()} splits it on ':'.
 */
public record Arn(String partition, String service, String region, String account, String resource) {

    public static Arn of(String service, String region, String account, String resource) {
        return new Arn("aws", service, region, account, resource);
    }

    /** Parses an ARN; empty when the text is not one. */
    public static Optional<Arn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6 || parts[1].isEmpty() || parts[2].isEmpty() || parts[5].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    public String[] resourceParts() {
        return resource.split(":", -1);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
