package io.portico.states.asl;

import java.util.Optional;

/** Where a state goes when it completes normally: to {@code next}, or the end of its graph. */
public record Transition(Optional<String> next) {
    public static final Transition END = new Transition(Optional.empty());

    public static Transition to(String next) {
        return new Transition(Optional.of(next));
    }

    public boolean isEnd() {
        return next.isEmpty();
    }
}
