package io.portico.tables.engine;

import io.portico.core.arn.Arn;
import io.portico.core.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A table as a request names it: the caller's account and region and the table's name. Table names are
 * unique per account and region, as on AWS. Requests may name a table by its name or by its ARN
 * ({@code arn:aws:dynamodb:<region>:<account>:table/<name>}); the kit has already refused an ARN of
 * another account, so the name is all that is left to read. Immutable.
 */
public record TableRef(String account, String region, String name) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    /**
     * The table {@code member} names for a caller of {@code account} in {@code region}.
     *
     * @throws TablesException {@code INVALID_MEMBER} for a name DynamoDB does not accept, worded as its
     *     validation errors (pattern, then length: the order AWS lists them in, per dynalite's recorded tests)
     */
    public static TableRef named(String account, String region, String member) {
        String name = nameIn(member);
        List<Violation> violations = new ArrayList<>(2);
        if (!NAME.matcher(name).matches()) {
            violations.add(Violation.of("tableName", name, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"));
        }
        if (name.length() < 3) {
            violations.add(Violation.of("tableName", name, "Member must have length greater than or equal to 3"));
        }
        if (name.length() > 255) {
            violations.add(Violation.of("tableName", name, "Member must have length less than or equal to 255"));
        }
        if (!violations.isEmpty()) {
            throw TablesException.invalid(violations.toArray(Violation[]::new));
        }
        return new TableRef(account, region, name);
    }

    /** The name in a table ARN, or the member itself when it is no ARN of a table. */
    private static String nameIn(String member) {
        return Arn.parse(member).filter(arn -> arn.service().equals("dynamodb") && arn.resource().startsWith("table/"))
                .map(arn -> arn.resource().substring("table/".length())).orElse(member);
    }

    /** {@code arn:aws:dynamodb:<region>:<account>:table/<name>}. */
    public String arn() {
        return Arn.of("dynamodb", region, account, "table/" + name).toString();
    }
}
