package io.portico.tables.engine.value;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How DynamoDB's current checker lists a set with a repeated member: it adds members to a sorted set one
 * by one and, at the first repeat, prints the sorted members so far, the repeat, then the rest as sent,
 * each in double quotes ({@code ["a", "b", "b"]} for {@code [b, a, b]}). Strings are separated by
 * {@code ", "} and binaries by {@code ","}, as captured.
 */
final class DuplicateMembers {

    private DuplicateMembers() {}

    static <T> String quoted(List<T> members, Comparator<T> order, Function<T, String> text, String separator) {
        TreeSet<T> seen = new TreeSet<>(order);
        List<T> listed = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            T member = members.get(i);
            if (!seen.add(member)) {
                listed.addAll(seen);
                listed.addAll(members.subList(i, members.size()));
                break;
            }
        }
        List<String> quoted = new ArrayList<>();
        listed.forEach(member -> quoted.add("\"" + text.apply(member) + "\""));
        return "[" + String.join(separator, quoted) + "]";
    }
}
