package io.portico.functions.engine;

import io.portico.core.validation.Violation;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as API callers name it: a bare name ({@code my-function}), a partial ARN
 * ({@code 123456789012:function:my-function}) or a full ARN, each optionally with a {@code :qualifier}
 * (a version number, {@code $LATEST} or an alias name). {@code qualifier} may also come separately
 * (the {@code Qualifier} query parameter); both at once must agree, as Lambda requires.
 */
public record FunctionRef(String accountId, String region, String name, Optional<String> qualifier) {
    private static final Pattern FORM = Pattern.compile(
            "^(?:arn:aws[a-zA-Z-]*:lambda:(?<region>[a-z0-9-]+):(?<acct1>\\d{12}):function:|(?<acct2>\\d{12}):function:)?"
                    + "(?<name>[a-zA-Z0-9-_]{1,140})(?::(?<qualifier>\\$LATEST|[a-zA-Z0-9-_]{1,128}))?$");

    /** Parses {@code FunctionName} in the caller's account and region. */
    public static FunctionRef parse(String functionName, Optional<String> queryQualifier, String accountId, String region) {
        if (functionName == null || functionName.isEmpty()) {
            throw FunctionsException.invalidParameter("FunctionName must not be empty");
        }
        Matcher m = FORM.matcher(functionName);
        // A name longer than Lambda creates is not refused here: Lambda answers that no such function exists.
        if (!m.matches()) {
            throw FunctionsException.invalid(Violation.of("functionName", functionName,
                    "Member must satisfy regular expression pattern: "
                    + "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?"
                    + "([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?"));
        }
        String account = m.group("acct1") != null ? m.group("acct1") : m.group("acct2") != null ? m.group("acct2") : accountId;
        String inRegion = m.group("region") != null ? m.group("region") : region;
        Optional<String> inName = Optional.ofNullable(m.group("qualifier"));
        if (inName.isPresent() && queryQualifier.isPresent() && !inName.equals(queryQualifier)) {
            throw FunctionsException.invalidParameter("The derived qualifier from the function name does not match the"
                    + " specified qualifier.");
        }
        return new FunctionRef(account, inRegion, m.group("name"), inName.or(() -> queryQualifier));
    }

    /** The unqualified function ARN. */
    public String arn() {
        return arn(accountId, region, name);
    }

    public static String arn(String accountId, String region, String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    /** The ARN with the qualifier, as Lambda's "not found" messages print it. */
    public String qualifiedArn() {
        return arn() + qualifier.map(q -> ":" + q).orElse("");
    }

    public FunctionRef withoutQualifier() {
        return new FunctionRef(accountId, region, name, Optional.empty());
    }
}
