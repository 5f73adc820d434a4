package io.portico.core.testing.members;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The "not honoured" table of a service's docs page, generated from the overlay's
 * {@code portico:notHonoured} entries of the served operations: the page keeps it between the markers
 * {@value #BEGIN} and {@value #END}, and a test compares the page with {@link #markdown} so the two cannot
 * drift. Stateless.
 */
public final class NotHonouredTable {
    public static final String BEGIN = "<!-- not-honoured:begin (generated from the overlay: NotHonouredTable) -->";
    public static final String END = "<!-- not-honoured:end -->";

    private NotHonouredTable() {
    }

    /** The table of {@code coverage}'s listed members of {@code operations}, markers included. */
    public static String markdown(MemberCoverage coverage, Collection<String> operations) {
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        out.append("| operation | member | why it is not honoured |\n|---|---|---|\n");
        for (Map.Entry<String, Map<String, String>> op : coverage.listed(operations).entrySet()) {
            op.getValue().forEach((member, reason) -> out.append("| ").append(op.getKey()).append(" | `")
                    .append(member).append("` | ").append(reason.replace("|", "\\|")).append(" |\n"));
        }
        return out.append(END).toString();
    }

    /** The table as a page holds it, markers included; empty when the page has no markers. */
    public static Optional<String> in(String page) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        return begin < 0 || end < begin ? Optional.empty() : Optional.of(page.substring(begin, end + END.length()));
    }
}
