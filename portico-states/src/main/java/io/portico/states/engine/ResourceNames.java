package io.portico.states.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Task resource ARNs: optimized integrations, activities and Lambda functions. */
public final class ResourceNames {
    private static final Pattern INTEGRATION = Pattern.compile("arn:[^:]+:states:::([^:]+(?::[^:.]+)?):([^.]+)(\\..*)?");
    private static final Pattern ACTIVITY = Pattern.compile("arn:[^:]+:states:[^:]*:[^:]*:activity:.+");
    private static final Pattern FUNCTION = Pattern.compile("arn:[^:]+:lambda:[^:]*:[^:]*:function:.+");

    private ResourceNames() {
    }

    /**
     * The parts AWS shows in Task events: {@code resourceType} (e.g. {@code lambda}, {@code states},
     * {@code aws-sdk:dynamodb}) and {@code resource} (the action with its pattern suffix, e.g.
     * {@code invoke.waitForTaskToken}).
     */
    public record Parsed(String resourceType, String resource) {
    }

    public static Parsed parse(String arn) {
        Matcher m = INTEGRATION.matcher(arn);
        if (m.matches()) {
            String suffix = m.group(3) == null ? "" : m.group(3);
            return new Parsed(m.group(1), m.group(2) + suffix);
        }
        if (FUNCTION.matcher(arn).matches()) {
            return new Parsed("lambda", "invoke");
        }
        return new Parsed("activity", arn);
    }

    public static boolean isActivity(String resource) {
        return ACTIVITY.matcher(resource).matches();
    }

    public static boolean isFunction(String resource) {
        return FUNCTION.matcher(resource).matches();
    }
}
