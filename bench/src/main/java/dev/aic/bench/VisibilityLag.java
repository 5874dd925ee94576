package dev.aic.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * How long a client waits to read its own write: the time from the command side's 201 to the query
 * side's 200 for the same user, read with the {@code Consistency-Token} the 201 carried.
 *
 * <p>The load is open-loop: a scheduler issues registrations at a fixed rate, whatever the latency,
 * and N sender threads carry them out. A closed loop would slow down exactly when the system does
 * and so hide the lag; a fixed rate below the peak (half of it, by default) shows the lag of a busy
 * but not saturated system, which is what users live with.
 *
 * <p>Each created user gets one waiter, on a thread of its own so that it never delays the next
 * registration: {@code GET /api/users/{id}} with the token, which the query side holds until its
 * users projection has processed that position (docs/api.md, "Read-your-writes") and then answers.
 * So the query side is asked once per command, not polled: its shared consistency poller reads the
 * token store every 15 ms for all waiters, which bounds the resolution of the figure (the lag is
 * over-estimated by at most that poll plus one GET). A wait that outlasts the query side's bound
 * answers 202 and is sent again, until {@code --visibility-timeout}. The query side lets a caller
 * have 8 waiting requests (and all callers 500), so the waiters read as {@link #READERS} members of
 * their own, in turn. Only a query side far behind (hundreds of waits at once) refuses some: those
 * are sent again after the {@code Retry-After} and counted.
 */
final class VisibilityLag {

    /**
     * Members the waiters read as: at 8 waiting requests each, up to 480 waits at once, under the
     * query side's 500 for all callers.
     */
    static final int READERS = 60;

    /**
     * A wait refused for too many at once tries again after this long (its {@code Retry-After}).
     */
    private static final long REFUSED_PAUSE_MS = 1_000;

    /** What the lag phase measured; {@code created} and the lag cover the measured window only. */
    record Result(
            double targetRate,
            double achievedRate,
            long created,
            Latency lag,
            long notVisible,
            long dropped,
            long refused,
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
    private final Duration visibilityTimeout;
    private final List<String> readers;
    private final AtomicInteger nextReader = new AtomicInteger();

    VisibilityLag(
            UsersApi api,
            Emails emails,
            int concurrency,
            Duration visibilityTimeout,
            List<String> readers) {
        this.api = api;
        this.emails = emails;
        this.concurrency = concurrency;
        this.visibilityTimeout = visibilityTimeout;
        this.readers = readers;
    }

    /**
     * Waits until the query side shows the peak-load phase's last user, read with the highest
     * consistency token of the phase, so that the phase's backlog in the projection does not show
     * up as lag of the next phase.
     */
    CatchUp awaitCatchUp(UsersApi.Registration last, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        if (last == null) {
            return new CatchUp(Duration.ZERO, true);
        }
        boolean seen = awaitVisible(last, start, timeout, new AtomicLong(), new TreeMap<>());
        return new CatchUp(seen ? Duration.ofNanos(System.nanoTime() - start) : timeout, seen);
    }

    Result run(double ratePerSecond, Duration warmup, Duration duration)
            throws InterruptedException {
        ScheduledExecutorService ticker =
                Executors.newSingleThreadScheduledExecutor(Threads.named("lag-ticker"));
        ExecutorService senders =
                Executors.newFixedThreadPool(concurrency, Threads.named("lag-sender"));
        // one thread per outstanding wait: a queued wait would add its queueing to the lag
        ExecutorService waiters = Executors.newCachedThreadPool(Threads.named("lag-waiter"));
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureUntil = measureFrom + duration.toNanos();
        Window window = new Window(measureFrom, measureUntil, waiters);
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
            window.errors.merge("waits still running after the visibility timeout", 1L, Long::sum);
        } finally {
            ticker.shutdownNow();
            senders.shutdownNow();
            waiters.shutdownNow();
        }
        long created = window.created.get();
        return new Result(
                ratePerSecond,
                created / (duration.toNanos() / 1e9),
                created,
                Latency.of(window.lag),
                window.notVisible.get(),
                window.dropped.get(),
                window.refused.get(),
                new TreeMap<>(window.errors));
    }

    /**
     * Reads the user with its token until the query side shows it (true) or {@code timeout} after
     * {@code since} passed (false). A 202 (the query side's own bound passed) or a refusal for too
     * many waits is asked again.
     */
    private boolean awaitVisible(
            UsersApi.Registration registration,
            long since,
            Duration timeout,
            AtomicLong refused,
            Map<String, Long> errors)
            throws InterruptedException {
        String reader = readers.get(Math.floorMod(nextReader.getAndIncrement(), readers.size()));
        while (System.nanoTime() - since < timeout.toNanos()) {
            try {
                int status = api.fetchStatusAfter(registration, reader);
                if (status == 200) {
                    return true;
                }
                if (status == 429) {
                    refused.incrementAndGet();
                    Thread.sleep(
                            REFUSED_PAUSE_MS); // the refusal's Retry-After, not a wait for state
                } else if (status != 202) {
                    errors.merge("GET HTTP " + status, 1L, Long::sum);
                    return false;
                }
            } catch (IOException e) {
                errors.merge("GET " + e.getClass().getSimpleName(), 1L, Long::sum);
                return false;
            }
        }
        return false;
    }

    /** The shared state of one lag run: who is still waited for, and what was measured. */
    private final class Window {
        private final long measureFrom;
        private final long measureUntil;
        private final ExecutorService waiters;
        private final ConcurrentHistogram lag = new ConcurrentHistogram(Latency.PRECISION);
        private final AtomicLong created = new AtomicLong();
        private final AtomicLong notVisible = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private final Map<String, Long> errors = new ConcurrentHashMap<>();

        /** One party for the coordinating thread plus one per user still waited for. */
        private final Phaser outstanding = new Phaser(1);

        Window(long measureFrom, long measureUntil, ExecutorService waiters) {
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
            this.waiters = waiters;
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
                waiters.execute(() -> await(registration, createdAt, measured));
            } catch (IOException e) {
                errors.merge("POST " + e.getClass().getSimpleName(), 1L, Long::sum);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void await(UsersApi.Registration registration, long createdAt, boolean measured) {
            try {
                boolean seen =
                        awaitVisible(registration, createdAt, visibilityTimeout, refused, errors);
                if (seen && measured) {
                    lag.recordValue((System.nanoTime() - createdAt) / 1_000);
                } else if (!seen && measured) {
                    notVisible.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                outstanding.arriveAndDeregister();
            }
        }
    }
}
