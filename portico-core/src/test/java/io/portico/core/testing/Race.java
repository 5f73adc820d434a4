package io.portico.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs the same call from many threads released at one instant, to test that concurrent creates get
 * AWS's answers and never a constraint failure. Test-only; thread safe.
 *
 * <pre>{@code
 * List<Race.Outcome<String>> outcomes = Race.run(16, i -> () -> sfn.createActivity(b -> b.name("a")).activityArn());
 * }</pre>
 */
public final class Race {

    private Race() {
    }

    /** What one racer got: a value, or the exception its call threw. */
    public sealed interface Outcome<T> {
        record Value<T>(T value) implements Outcome<T> {
        }

        record Failure<T>(Throwable error) implements Outcome<T> {
        }
    }

    /**
     * Calls {@code racer.apply(i).call()} for every {@code i} below {@code racers}, each on its own virtual
     * thread, all started together; returns the outcomes in racer order.
     */
    public static <T> List<Outcome<T>> run(int racers, IntFunction<Callable<T>> racer) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < racers; i++) {
                Callable<T> call = racer.apply(i);
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    outcomes.add(new Outcome.Value<>(future.get()));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome.Failure<>(e.getCause()));
                }
            }
            return outcomes;
        }
    }

    /** The values of the outcomes that have one. */
    public static <T> List<T> values(List<Outcome<T>> outcomes) {
        return outcomes.stream().<T>mapMulti((o, out) -> {
            if (o instanceof Outcome.Value<T> v) {
                out.accept(v.value());
            }
        }).toList();
    }

    /** The exceptions of the outcomes that failed. */
    public static <T> List<Throwable> failures(List<Outcome<T>> outcomes) {
        return outcomes.stream().<Throwable>mapMulti((o, out) -> {
            if (o instanceof Outcome.Failure<T> f) {
                out.accept(f.error());
            }
        }).toList();
    }
}
