package dev.aic.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * How long a client waits to read its own write: the time from the command side's 201 to the query
 * side's first 200 for the same user.
 *
 * <p>The load is open-loop: a scheduler issues registrations at a fixed rate, whatever the latency,
 * and N sender threads carry them out. A closed loop would slow down exactly when the system does
 * and so hide the lag; a fixed rate below the peak (half of it, by default) shows the lag of a busy
 * but not saturated system, which is what users live with. Each created user is then polled on the
 * query side at a fixed interval on separate poller threads, so a slow poll never delays the next
 * registration. The lag is over-estimated by at most one GET plus one poll interval, or 5% of the
 * lag once that is longer (see {@link #nextDelay}).
 */
final class VisibilityLag {

    /** What the lag phase measured; {@code created} and the lag cover the measured window only. */
    record Result(
            double targetRate,
            double achievedRate,
            long created,
            Latency lag,
            long notVisible,
            long dropped,
            Map<String, Long> errors) {

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum() + notVisible;
        }
    }

    /**
     * How long the query side took to show the last users of the peak-load phase, and whether it
     * did.
     */
    record CatchUp(Duration took, boolean complete) {}

    private final UsersApi api;
    private final Emails emails;
    private final int concurrency;
    private final Duration pollInterval;
    private final Duration visibilityTimeout;

    VisibilityLag(
            UsersApi api,
            Emails emails,
            int concurrency,
            Duration pollInterval,
            Duration visibilityTimeout) {
        this.api = api;
        this.emails = emails;
        this.concurrency = concurrency;
        this.pollInterval = pollInterval;
        this.visibilityTimeout = visibilityTimeout;
    }

    /**
     * Waits until every given user is readable, so that the backlog the peak-load phase left in the
     * projection does not show up as lag of the next phase.
     */
    CatchUp awaitCatchUp(List<UUID> ids, Duration timeout) throws InterruptedException {
        Set<UUID> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(ids);
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledExecutorService checker =
                Executors.newSingleThreadScheduledExecutor(Threads.named("catch-up"));
        long start = System.nanoTime();
        try {
            checker.scheduleWithFixedDelay(
                    () -> {
                        pending.removeIf(this::visible);
                        if (pending.isEmpty()) {
                            done.complete(null);
                        }
                    },
                    0,
                    pollInterval.toNanos(),
                    TimeUnit.NANOSECONDS);
            done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new CatchUp(Duration.ofNanos(System.nanoTime() - start), true);
        } catch (TimeoutException e) {
            return new CatchUp(timeout, false);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            checker.shutdownNow();
        }
    }

    private boolean visible(UUID id) {
        try {
            return api.fetchStatus(id) == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Result run(double ratePerSecond, Duration warmup, Duration duration)
            throws InterruptedException {
        ScheduledExecutorService ticker =
                Executors.newSingleThreadScheduledExecutor(Threads.named("lag-ticker"));
        ExecutorService senders =
                Executors.newFixedThreadPool(concurrency, Threads.named("lag-sender"));
        ScheduledExecutorService pollers =
                Executors.newScheduledThreadPool(concurrency, Threads.named("lag-poller"));
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureUntil = measureFrom + duration.toNanos();
        Window window = new Window(measureFrom, measureUntil, pollers);
        try {
            long period = Math.max(1, Math.round(1e9 / ratePerSecond));
            ScheduledFuture<?> ticks =
                    ticker.scheduleAtFixedRate(
                            () -> senders.execute(window::registerOne),
                            0,
                            period,
                            TimeUnit.NANOSECONDS);
            CountDownLatch stopped = new CountDownLatch(1);
            ticker.schedule(
                    () -> {
                        ticks.cancel(false);
                        stopped.countDown();
                    },
                    measureUntil - System.nanoTime(),
                    TimeUnit.NANOSECONDS);
            stopped.await();

            senders.shutdown();
            if (!senders.awaitTermination(60, TimeUnit.SECONDS)) {
                window.errors.merge("POST still running after 60 s", 1L, Long::sum);
            }
            // every created user is now registered with the phaser: wait until each is visible or
            // given up on
            int phase = window.outstanding.arrive();
            window.outstanding.awaitAdvanceInterruptibly(
                    phase, visibilityTimeout.plusSeconds(10).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            window.errors.merge("polls still running after the visibility timeout", 1L, Long::sum);
        } finally {
            ticker.shutdownNow();
            senders.shutdownNow();
            pollers.shutdownNow();
        }
        long created = window.created.get();
        return new Result(
                ratePerSecond,
                created / (duration.toNanos() / 1e9),
                created,
                Latency.of(window.lag),
                window.notVisible.get(),
                window.dropped.get(),
                new TreeMap<>(window.errors));
    }

    /**
     * Poll every {@code pollInterval} while the user is young, then every 5% of its age: the
     * measurement error stays within one interval or 5%, whichever is larger, while a slow
     * projection does not turn the pollers into a flood of GETs that competes with it for the CPU.
     */
    private long nextDelay(long ageNanos) {
        return Math.max(pollInterval.toNanos(), ageNanos / 20);
    }

    /**
     * The shared state of one lag run: which users are still being polled, and what was measured.
     */
    private final class Window {
        private final long measureFrom;
        private final long measureUntil;
        private final ScheduledExecutorService pollers;
        private final ConcurrentHistogram lag = new ConcurrentHistogram(Latency.PRECISION);
        private final AtomicLong created = new AtomicLong();
        private final AtomicLong notVisible = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();
        private final Map<String, Long> errors = new ConcurrentHashMap<>();

        /** One party for the coordinating thread plus one per user still being polled. */
        private final Phaser outstanding = new Phaser(1);

        Window(long measureFrom, long measureUntil, ScheduledExecutorService pollers) {
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
            this.pollers = pollers;
        }

        /** Runs on a sender thread for every tick of the fixed-rate schedule. */
        void registerOne() {
            if (System.nanoTime() > measureUntil) {
                // the senders fell behind the schedule: sending late would stretch the window, so
                // count and skip
                dropped.incrementAndGet();
                return;
            }
            try {
                UsersApi.Registration registration =
                        api.register(emails.next("lag", 0), "Benchmark User");
                long createdAt = System.nanoTime();
                if (!registration.created()) {
                    errors.merge("POST HTTP " + registration.status(), 1L, Long::sum);
                    return;
                }
                boolean measured = createdAt >= measureFrom && createdAt <= measureUntil;
                if (measured) {
                    created.incrementAndGet();
                }
                outstanding.register();
                pollers.execute(new Poll(registration.id(), createdAt, measured));
            } catch (IOException e) {
                errors.merge("POST " + e.getClass().getSimpleName(), 1L, Long::sum);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Reads one user until it is there; reschedules itself rather than sleeping on a poller
         * thread.
         */
        private final class Poll implements Runnable {
            private final UUID id;
            private final long createdAt;
            private final boolean measured;

            Poll(UUID id, long createdAt, boolean measured) {
                this.id = id;
                this.createdAt = createdAt;
                this.measured = measured;
            }

            @Override
            public void run() {
                try {
                    int status = api.fetchStatus(id);
                    long now = System.nanoTime();
                    if (status == 200) {
                        if (measured) {
                            lag.recordValue((now - createdAt) / 1_000);
                        }
                        outstanding.arriveAndDeregister();
                        return;
                    }
                    if (status != 404) {
                        errors.merge("GET HTTP " + status, 1L, Long::sum);
                    }
                } catch (IOException e) {
                    errors.merge("GET " + e.getClass().getSimpleName(), 1L, Long::sum);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    outstanding.arriveAndDeregister();
                    return;
                }
                if (System.nanoTime() - createdAt > visibilityTimeout.toNanos()) {
                    if (measured) {
                        notVisible.incrementAndGet();
                    }
                    outstanding.arriveAndDeregister();
                    return;
                }
                pollers.schedule(
                        this, nextDelay(System.nanoTime() - createdAt), TimeUnit.NANOSECONDS);
            }
        }
    }
}
