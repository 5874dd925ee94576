package dev.aic.queryside.consistency;

import dev.aic.queryside.eventstore.ProcessorTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Lets a request wait until processing groups have processed an event store position. Progress comes
 * from the token store, so it counts every instance of the service and every segment. One poller
 * checks for all waiting requests at once, each waiting on a future with its own deadline, so a
 * thousand waiting requests cost one token query per interval, not a thousand.
 */
@Component
class ConsistencyGate implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsistencyGate.class);

    private final ProcessorTokens tokens;
    private final Duration maxWait;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller;
    private final Timer reached;
    private final Timer timedOut;

    ConsistencyGate(ProcessorTokens tokens, ConsistencyProperties properties, MeterRegistry meters) {
        this.tokens = tokens;
        this.maxWait = properties.maxWait();
        this.reached = wait(meters, "reached");
        this.timedOut = wait(meters, "timed-out");
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "consistency-poller");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.pollInterval().toNanos();
        poller.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.NANOSECONDS);
    }

    Duration maxWait() {
        return maxWait;
    }

    /**
     * @return true as soon as every one of {@code processors} has processed {@code position}; false when
     *         {@code maxWait} passed first
     */
    boolean await(Set<String> processors, long position) {
        long started = System.nanoTime();
        if (tokens.progress(processors).coversAll(processors, position)) {
            reached.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return true;
        }
        Waiter waiter = new Waiter(Set.copyOf(processors), position, new CompletableFuture<>());
        waiters.add(waiter);
        try {
            waiter.done().get(maxWait.toNanos() - (System.nanoTime() - started), TimeUnit.NANOSECONDS);
            reached.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            timedOut.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Waiting for the read models failed", e.getCause());
        } finally {
            waiters.remove(waiter);
        }
    }

    private void poll() {
        if (waiters.isEmpty()) {
            return;
        }
        try {
            Set<String> processors = new HashSet<>();
            waiters.forEach(waiter -> processors.addAll(waiter.processors()));
            ProcessorTokens.Progress progress = tokens.progress(processors);
            waiters.stream().filter(waiter -> progress.coversAll(waiter.processors(), waiter.position()))
                    .forEach(waiter -> waiter.done().complete(null));
        } catch (RuntimeException e) {
            // the token store is unreachable for now: waiting requests run into their deadline and answer 202
            log.warn("Cannot read processor progress from the token store", e);
        }
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
    }

    private static Timer wait(MeterRegistry meters, String outcome) {
        return Timer.builder("aic.consistency.wait")
                .description("Time queries with a Consistency-Token waited for the read models")
                .tag("outcome", outcome)
                .register(meters);
    }

    private record Waiter(Set<String> processors, long position, CompletableFuture<Void> done) {
    }
}
