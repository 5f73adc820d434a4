package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.EvalContext;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.jsonpath.PathFields;
import io.portico.states.asl.State;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The Wait state. The deadline is computed once, stored through the Checkpointer (a STANDARD
 * execution restarted mid-wait keeps its original deadline) and then slept on.
 */
final class WaitRunner {
    private WaitRunner() {
    }

    static Interpreter.Step run(State.Wait wait, StateVisit visit, ExecutionWaits waits) {
        JsonNode effective = StateIo.effectiveInput(visit);
        Frame frame = visit.frame();
        Optional<Instant> resumed = frame.takeResumedTimer();
        // From the state's entry, not from now: a visit resumed before its deadline was stored keeps it.
        Instant until = resumed.isPresent() ? resumed.get() : deadline(wait, visit, effective, visit.enteredTime());
        frame.run().checkpointer().save(frame.key(), frame.position().withTimer(until));
        waits.sleepUntil(frame.run(), until);
        JsonNode out = StateIo.output(visit, effective, Optional.empty(), Optional.empty());
        return new Interpreter.Step(wait.transition().next(), out);
    }

    private static Instant deadline(State.Wait wait, StateVisit visit, JsonNode input, Instant now) {
        if (wait.queryLanguage() == QueryLanguage.JSONATA) {
            var jsonata = DataLanguage.jsonataEvaluator();
            var scope = StateIo.jsonataScope(visit);
            if (wait.seconds().isPresent()) {
                long seconds = StateIo.jsonataGuard(visit,
                        () -> jsonata.requireInteger(wait.seconds().get(), scope, "Seconds", 0, 99_999_999L));
                return now.plusSeconds(seconds);
            }
            return StateIo.jsonataGuard(visit, () -> jsonata.requireTimestamp(wait.timestamp().orElseThrow(), scope))
                    .toInstant();
        }
        if (wait.seconds().isPresent()) {
            return now.plusSeconds(wait.seconds().get().asLong());
        }
        if (wait.timestamp().isPresent()) {
            return parse(wait.timestamp().get().asText()).orElse(now);
        }
        EvalContext ctx = StateIo.jsonPathContext(visit, input);
        if (wait.secondsPath().isPresent()) {
            long seconds = StateIo.guard(visit, () -> PathFields.seconds(wait.secondsPath().get(), ctx));
            return now.plusSeconds(seconds);
        }
        return StateIo.guard(visit, () -> PathFields.timestamp(wait.timestampPath().orElseThrow(), ctx));
    }

    static Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

}
