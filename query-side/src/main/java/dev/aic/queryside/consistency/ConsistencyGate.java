package dev.aic.queryside.consistency;

import dev.aic.queryside.eventstore.ProcessorTokens;
import dev.aic.web.ratelimit.ConcurrencyLimit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets a request wait until processing groups have processed an event store position. Progress
 * comes from the token store, so it counts every instance of the service and every segment. One
 * poller checks for all waiting requests at once and completes each one's future, reached or past
 * its deadline, so a thousand waiting requests cost one token query per interval and no thread at
 * all.
 *
 * <p>What waiting may cost is bounded: a position past the store's head is answered at once (no
 * command answered with it, so nothing will reach it soon), and at most {@code
 * max-waiters-per-caller} and {@code max-waiters} requests wait at a time.
 */
@Component
class ConsistencyGate implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsistencyGate.class);

    private final ProcessorTokens tokens;
    private final JdbcTemplate jdbc;
    private final ConsistencyProperties properties;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final ConcurrencyLimit waiting;
    private final ScheduledExecutorService poller;
    private final Timer reached;
    private final Timer timedOut;
    private volatile long head = -1;

    ConsistencyGate(
            ProcessorTokens tokens,
            JdbcTemplate jdbc,
            ConsistencyProperties properties,
            MeterRegistry meters) {
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.properties = properties;
        this.waiting =
                new ConcurrencyLimit(properties.maxWaitersPerCaller(), properties.maxWaiters());
        this.reached = wait(meters, "reached");
        this.timedOut = wait(meters, "timed-out");
        this.poller =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "consistency-poller");
                            thread.setDaemon(true);
                            return thread;
                        });
        long interval = properties.pollInterval().toNanos();
        poller.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.NANOSECONDS);
    }

    Duration maxWait() {
        return properties.maxWait();
    }

    /** How many requests wait right now. */
    int waiting() {
        return waiting.inUse();
    }

    /**
     * @param caller whose wait this is ({@code Caller.key()}): the per-caller cap counts by it
     * @return a future that completes with true as soon as every one of {@code processors} has
     *     processed {@code position}, or with false when {@code maxWait} passed first or the
     *     position is past the head
     * @throws TooManyWaitingException when the caller, or everyone together, already has as many
     *     waiting as allowed
     */
    CompletableFuture<Boolean> await(String caller, Set<String> processors, long position) {
        long started = System.nanoTime();
        if (tokens.progress(processors).coversAll(processors, position)) {
            reached.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return CompletableFuture.completedFuture(true);
        }
        if (position > head()) {
            timedOut.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return CompletableFuture.completedFuture(false);
        }
        if (!waiting.tryAcquire(caller)) {
            throw new TooManyWaitingException();
        }
        Waiter waiter =
                new Waiter(
                        Set.copyOf(processors),
                        position,
                        started + properties.maxWait().toNanos(),
                        new CompletableFuture<>());
        waiters.add(waiter);
        return waiter.done()
                .whenComplete(
                        (outcome, error) -> {
                            waiters.remove(waiter);
                            waiting.release(caller);
                            (Boolean.TRUE.equals(outcome) ? reached : timedOut)
                                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                        });
    }

    /**
     * The store's last position, read again only when a position beyond the one known is asked for.
     */
    private long head() {
        long known = head;
        Long latest =
                jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        head = latest == null ? -1 : Math.max(known, latest);
        return head;
    }

    private void poll() {
        if (waiters.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        waiters.stream()
                .filter(waiter -> now - waiter.deadline() >= 0)
                .forEach(waiter -> waiter.done().complete(false));
        try {
            Set<String> processors = new HashSet<>();
            waiters.forEach(waiter -> processors.addAll(waiter.processors()));
            if (processors.isEmpty()) {
                return;
            }
            ProcessorTokens.Progress progress = tokens.progress(processors);
            waiters.stream()
                    .filter(waiter -> progress.coversAll(waiter.processors(), waiter.position()))
                    .forEach(waiter -> waiter.done().complete(true));
        } catch (RuntimeException e) {
            // the token store is unreachable for now: waiting requests run into their deadline and
            // answer 202
            log.warn("Cannot read processor progress from the token store", e);
        }
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
        waiters.forEach(waiter -> waiter.done().complete(false));
    }

    private static Timer wait(MeterRegistry meters, String outcome) {
        return Timer.builder("aic.consistency.wait")
                .description("Time queries with a Consistency-Token waited for the read models")
                .tag("outcome", outcome)
                .register(meters);
    }

    private record Waiter(
            Set<String> processors,
            long position,
            long deadline,
            CompletableFuture<Boolean> done) {}
}
