package io.portico.core.testing.members;

import io.portico.core.model.Member;
import io.portico.core.model.ServiceModel;
import io.portico.core.model.Shape;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a service's model says about its input members, against what its handlers read: a top-level input
 * member is <em>honoured</em> when its operation's handler asked for it by name (see
 * {@link ReadRecordingNode}) while driven with every member present, and <em>listed</em> when the module's
 * overlay marks it {@code portico:notHonoured} with a reason. Every member must be exactly one of the two.
 * Members of nested structures are not judged. Immutable; thread safe.
 */
public final class MemberCoverage {

    /** An input member that is neither read nor listed, or both; {@code problem} says which. */
    public record Finding(String operation, String member, String problem) {
        @Override
        public String toString() {
            return operation + "." + member + ": " + problem;
        }
    }

    private final ServiceModel model;

    private MemberCoverage(ServiceModel model) {
        this.model = model;
    }

    public static MemberCoverage of(ServiceModel model) {
        return new MemberCoverage(model);
    }

    /** The top-level input members of {@code operation}, in model order. */
    public List<String> members(String operation) {
        return input(operation).map(s -> List.copyOf(s.members().keySet())).orElse(List.of());
    }

    /** The listed members of {@code operation} with their reasons, in model order. */
    public Map<String, String> listed(String operation) {
        Map<String, String> out = new LinkedHashMap<>();
        input(operation).ifPresent(shape -> shape.members().values().forEach(member ->
                member.notHonoured().ifPresent(reason -> out.put(member.name(), reason))));
        return out;
    }

    /** The listed members of every operation in {@code operations}, by operation name (sorted). */
    public Map<String, Map<String, String>> listed(Collection<String> operations) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        operations.forEach(op -> {
            Map<String, String> members = listed(op);
            if (!members.isEmpty()) {
                out.put(op, members);
            }
        });
        return out;
    }

    /**
     * Every member of {@code operation} that {@code read} and the list disagree on: read nowhere and not
     * listed, or listed and yet read.
     */
    public List<Finding> check(String operation, Set<String> read) {
        List<Finding> findings = new ArrayList<>();
        input(operation).ifPresent(shape -> {
            for (Member member : shape.members().values()) {
                boolean isRead = read.contains(member.name());
                if (!isRead && member.notHonoured().isEmpty()) {
                    findings.add(new Finding(operation, member.name(), "not read by the handler and not listed"
                            + " as not honoured in the overlay"));
                }
                if (isRead && member.notHonoured().isPresent()) {
                    findings.add(new Finding(operation, member.name(), "listed as not honoured ("
                            + member.notHonoured().get() + ") but the handler reads it"));
                }
            }
        });
        return findings;
    }

    private Optional<Shape.Structure> input(String operation) {
        return model.operation(operation).orElseThrow(() -> new IllegalArgumentException(
                model.uid() + " has no operation " + operation)).input();
    }
}
