package io.portico.core.tags;

/**
 * Tagging would leave a resource with more tags than its service allows. Thrown before anything is
 * written. Each service maps it to its own AWS error (Step Functions {@code TooManyTags}, Lambda
 * {@code InvalidParameterValueException} "Number of tags exceeds resource tag limit.").
 */
public final class TagLimitExceededException extends RuntimeException {
    private final String resourceArn;
    private final int limit;
    private final int wouldHave;

    public TagLimitExceededException(String resourceArn, int limit, int wouldHave) {
        super("Resource " + resourceArn + " would have " + wouldHave + " tags; the limit is " + limit);
        this.resourceArn = resourceArn;
        this.limit = limit;
        this.wouldHave = wouldHave;
    }

    public String resourceArn() {
        return resourceArn;
    }

    public int limit() {
        return limit;
    }

    /** How many tags the resource would have had after the change. */
    public int wouldHave() {
        return wouldHave;
    }
}
