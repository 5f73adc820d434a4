package io.portico.functions.engine.mappings;

import io.portico.core.Component;
import io.portico.core.validation.ValidationReport;
import io.portico.core.validation.Violation;
import io.portico.functions.engine.ChangeStreams;
import io.portico.functions.engine.Destinations;
import io.portico.functions.engine.FunctionRef;
import io.portico.functions.engine.FunctionsException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Lambda's event source mappings from DynamoDB streams: create, read, update, delete, each checked as
 * Lambda checks it and answered in the state Lambda reports.
 *
 * <p>How: a mapping is a row (its settings, whether it is enabled, and a poller token) plus one cursor
 * per shard. Lambda moves a mapping through {@code Creating}, {@code Enabling}, {@code Disabling},
 * {@code Updating} and {@code Deleting} asynchronously; Portico applies a change at once, so the answer
 * of the call that made the change reports the transition (as Lambda's answer does) and every later read
 * reports where it settled ({@code Enabled} or {@code Disabled}). Enabling a mapping (creating it enabled,
 * or enabling it again) gives it a new poller token and starts a {@link StreamPoller} with that token;
 * any older poller sees a token that is not the mapping's and stops. At start every enabled mapping gets a
 * fresh token and poller ({@link #resumeAll}), so a crash between a write and starting its poller loses
 * nothing. Thread safe.
 */
public final class EventSourceMappings implements Component {
    /** The event sources Portico serves: DynamoDB streams. */
    private static final String DYNAMODB_STREAM = "arn:aws:dynamodb:";

    private final MappingRepository repository;
    private final ChangeStreams streams;
    private final Destinations destinations;
    private final FunctionCheck functions;
    private final Clock clock;
    private final Consumer<EventSourceMapping> startPoller;

    /** Resolves a function a mapping names to its ARN (qualified when the name is), or refuses it. */
    @FunctionalInterface
    public interface FunctionCheck {
        String existingArn(FunctionRef ref);
    }

    public EventSourceMappings(MappingRepository repository, ChangeStreams streams, Destinations destinations,
            FunctionCheck functions, Clock clock, Consumer<EventSourceMapping> startPoller) {
        this.repository = repository;
        this.streams = streams;
        this.destinations = destinations;
        this.functions = functions;
        this.clock = clock;
        this.startPoller = startPoller;
    }

    /** A new mapping, reported {@code Creating}. */
    public EventSourceMapping.Reported create(FunctionRef function, Optional<String> eventSourceArn, boolean enabled,
            Optional<String> startingPosition, MappingSettings settings, boolean onSuccessGiven) {
        String sourceArn = eventSourceArn.filter(arn -> arn.startsWith(DYNAMODB_STREAM) && arn.contains("/stream/"))
                .orElseThrow(() -> FunctionsException.invalidParameter("Unrecognized event source."));
        String functionArn = functionArn(function);
        // Worded by hand: Lambda's service code ends this one with a period, which the kit's validator
        // (and AWS's front end) does not (recorded: test_create_event_source_validation, no_starting_position).
        String position = startingPosition.orElseThrow(() -> FunctionsException.invalidParameter(
                "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint:"
                        + " Member must not be null."));
        if (!position.equals("TRIM_HORIZON") && !position.equals("LATEST")) {
            throw FunctionsException.invalidParameter("Unsupported starting position for arn type: " + sourceArn);
        }
        check(settings, onSuccessGiven);
        // Another account's or region's stream is not found: Portico has no resource policies to share one.
        if (!inScope(sourceArn, function) || streams.describe(sourceArn).isEmpty()) {
            throw FunctionsException.invalidParameter("Stream not found: " + sourceArn);
        }
        EventSourceMapping mapping = new EventSourceMapping(UUID.randomUUID().toString(), function.accountId(),
                function.region(), sourceArn, functionArn, position, settings, enabled, EventSourceMapping.NO_RECORDS,
                clock.instant(), UUID.randomUUID().toString());
        Optional<EventSourceMapping> existing = repository.insertUnlessDuplicate(mapping,
                initialCursors(sourceArn, position));
        if (existing.isPresent()) {
            throw duplicate(sourceArn, function, existing.get().uuid());
        }
        if (enabled) {
            startPoller.accept(mapping);
        }
        return mapping.reported("Creating");
    }

    public EventSourceMapping get(String accountId, String region, String uuid) {
        return repository.get(accountId, region, uuid).orElseThrow(EventSourceMappings::notFound);
    }

    /** The account's mappings, filtered by function (its ARN, qualified or not, as created) and source. */
    public List<EventSourceMapping> list(String accountId, String region, Optional<FunctionRef> function,
            Optional<String> eventSourceArn) {
        return repository.list(accountId, region).stream()
                .filter(m -> eventSourceArn.map(m.eventSourceArn()::equals).orElse(true))
                .filter(m -> function.map(f -> m.functionArn().equals(f.qualifiedArn())).orElse(true))
                .toList();
    }

    /**
     * Changes settings, the function and whether it runs; reported {@code Enabling} or {@code Disabling}
     * when that changes, else {@code Updating}.
     */
    public EventSourceMapping.Reported update(String accountId, String region, String uuid,
            Optional<FunctionRef> function, Optional<Boolean> enabled, UnaryOperator<MappingSettings> change,
            boolean onSuccessGiven) {
        EventSourceMapping current = get(accountId, region, uuid);
        MappingSettings settings = change.apply(current.settings());
        check(settings, onSuccessGiven);
        EventSourceMapping changed = current;
        if (function.isPresent()) {
            changed = changed.withFunctionArn(functionArn(function.get()));
            refuseDuplicate(changed, function.get());
        }
        boolean enable = enabled.orElse(current.enabled());
        boolean starts = enable && !current.enabled();
        String token = starts ? UUID.randomUUID().toString() : current.pollerToken();
        changed = changed.with(settings, enable, token, clock.instant());
        repository.update(changed);
        if (starts) {
            startPoller.accept(changed);
        }
        String reported = enable == current.enabled() ? "Updating" : enable ? "Enabling" : "Disabling";
        return changed.reported(reported);
    }

    /** Deletes the mapping, reported {@code Deleting}; its poller stops at its next turn. */
    public EventSourceMapping.Reported delete(String accountId, String region, String uuid) {
        EventSourceMapping current = get(accountId, region, uuid);
        if (!repository.delete(uuid)) {
            throw notFound();
        }
        return current.reported("Deleting");
    }

    /** Resumes every enabled mapping's poller ({@link #resumeAll}). */
    @Override
    public void start() {
        resumeAll();
    }

    /** Gives every enabled mapping a fresh poller (at start: pollers of before are superseded). */
    public void resumeAll() {
        for (EventSourceMapping mapping : repository.enabled()) {
            EventSourceMapping fresh = mapping.with(mapping.settings(), true, UUID.randomUUID().toString(),
                    mapping.lastModified());
            repository.update(fresh);
            startPoller.accept(fresh);
        }
    }

    /**
     * Moving a mapping onto a function another mapping of the same source already feeds is the create's
     * conflict. Checked before the write; two concurrent such updates can still both pass, and the
     * store's unique constraint then refuses the second as a platform fault (a rare race, left so).
     */
    private void refuseDuplicate(EventSourceMapping changed, FunctionRef function) {
        for (EventSourceMapping other : repository.list(changed.accountId(), changed.region())) {
            if (!other.uuid().equals(changed.uuid()) && other.eventSourceArn().equals(changed.eventSourceArn())
                    && other.functionArn().equals(changed.functionArn())) {
                throw duplicate(changed.eventSourceArn(), function, other.uuid());
            }
        }
    }

    private static FunctionsException duplicate(String sourceArn, FunctionRef function, String existingUuid) {
        return FunctionsException.conflict("The event source arn (\" " + sourceArn + " \") and function (\" "
                + function.name() + " \") provided mapping already exists. Please update or delete the existing"
                + " mapping with UUID " + existingUuid);
    }

    private String functionArn(FunctionRef function) {
        try {
            return functions.existingArn(function);
        } catch (FunctionsException e) {
            if (e.kind() == FunctionsException.Kind.NOT_FOUND) {
                throw FunctionsException.invalidParameter("Function does not exist");
            }
            throw e;
        }
    }

    /** Lambda's checks beyond the model's: filter patterns, the record age's lower bound, the destinations. */
    private void check(MappingSettings settings, boolean onSuccessGiven) {
        settings.filterPatterns().forEach(RecordFilter::check);
        int age = settings.maximumRecordAgeSeconds();
        if (age != -1 && age < 60) {
            throw FunctionsException.of(FunctionsException.Kind.INVALID_PARAMETER, ValidationReport.of(Violation.of(
                    "maximumRecordAgeInSeconds", age, "Member must have value greater than or equal to 60")));
        }
        if (onSuccessGiven) {
            throw FunctionsException.invalidParameter(
                    "Unsupported DestinationConfig parameter for given event source mapping type.");
        }
        settings.onFailure().ifPresent(arn -> {
            if (!destinations.supports(arn)) {
                throw FunctionsException.invalidParameter("The provided destination config DestinationConfig(onSuccess=null,"
                        + " onFailure=OnFailure(destination=" + arn + ")) is invalid.");
            }
        });
    }

    private static boolean inScope(String streamArn, FunctionRef function) {
        String[] parts = streamArn.split(":", 6);
        return parts.length == 6 && parts[3].equals(function.region()) && parts[4].equals(function.accountId());
    }

    private List<ShardCursor> initialCursors(String streamArn, String startingPosition) {
        List<ShardCursor> cursors = new ArrayList<>();
        if (startingPosition.equals("LATEST")) {
            for (ChangeStreams.Shard shard : streams.shards(streamArn)) {
                streams.latestSequenceNumber(streamArn, shard.shardId()).ifPresent(seq ->
                        cursors.add(ShardCursor.at(shard.shardId(), ChangeStreams.Position.after(seq))));
            }
        }
        return cursors;
    }

    private static FunctionsException notFound() {
        return FunctionsException.notFound("The resource you requested does not exist.");
    }
}
