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
        // Four colons after "arn:" by index: every request naming a resource parses its ARN.
        int partitionEnd = text.indexOf(':', 4);
        int serviceEnd = partitionEnd < 0 ? -1 : text.indexOf(':', partitionEnd + 1);
        int regionEnd = serviceEnd < 0 ? -1 : text.indexOf(':', serviceEnd + 1);
        int accountEnd = regionEnd < 0 ? -1 : text.indexOf(':', regionEnd + 1);
        if (accountEnd < 0 || partitionEnd == 4 || serviceEnd == partitionEnd + 1 || accountEnd == text.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Arn(text.substring(4, partitionEnd), text.substring(partitionEnd + 1, serviceEnd),
                text.substring(serviceEnd + 1, regionEnd), text.substring(regionEnd + 1, accountEnd),
                text.substring(accountEnd + 1)));
    }

    public String[] resourceParts() {
        return resource.split(":", -1);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
