package dev.aic.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;

/**
 * Runs one operation back-to-back on N threads for a warmup and then a measured period.
 *
 * <p>A closed loop (each worker sends its next request only when the previous one answered) finds
 * the peak throughput at a given concurrency. The baseline and the command phase both go through
 * this one runner so that their figures differ only in what the operation does, which is what makes
 * their ratio meaningful. An operation counts when it completes inside the measured window;
 * latencies are recorded in microseconds.
 */
final class ClosedLoop {

    /** One unit of load; a worker owns its instance (and e.g. its JDBC connection) exclusively. */
    interface Operation {

        /**
         * Performs the operation once.
         *
         * @return {@code null} when it succeeded, otherwise a short key for the kind of failure
         *     (e.g. an HTTP status or an SQL state) under which it is counted
         */
        String call() throws Exception;

        /** Releases what {@link OperationFactory#open} acquired; called once, after the run. */
        default void close() throws Exception {}
    }

    /** Creates the operation of worker number {@code worker} (0-based). */
    interface OperationFactory {
        Operation open(int worker) throws Exception;
    }

    /** What a closed-loop run measured. */
    record Result(long operations, Duration measured, Latency latency, Map<String, Long> errors) {

        double perSecond() {
            return operations / (measured.toNanos() / 1e9);
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private ClosedLoop() {}

    static Result run(int concurrency, Duration warmup, Duration duration, OperationFactory factory)
            throws Exception {
        List<Operation> operations = new ArrayList<>(concurrency);
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, Threads.named("load"));
        try {
            // open every connection first, so the clock measures requests rather than connection
            // set-up
            for (int i = 0; i < concurrency; i++) {
                operations.add(factory.open(i));
            }
            long measureFrom = System.nanoTime() + warmup.toNanos();
            long measureUntil = measureFrom + duration.toNanos();
            List<Future<Worker>> futures = new ArrayList<>(concurrency);
            for (Operation operation : operations) {
                Worker worker = new Worker(operation, measureFrom, measureUntil);
                futures.add(
                        workers.submit(
                                () -> {
                                    worker.run();
                                    return worker;
                                }));
            }
            Histogram latencies = new Histogram(Latency.PRECISION);
            Map<String, Long> errors = new TreeMap<>();
            long completed = 0;
            for (Future<Worker> future : futures) {
                Worker worker = future.get();
                latencies.add(worker.latencies);
                worker.errors.forEach((kind, count) -> errors.merge(kind, count, Long::sum));
                completed += worker.completed;
            }
            return new Result(completed, duration, Latency.of(latencies), errors);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            workers.shutdownNow();
            closeAll(operations);
        }
    }

    /** Closes every operation even if one fails, so no connection outlives the phase. */
    private static void closeAll(List<Operation> operations) {
        for (Operation operation : operations) {
            try {
                operation.close();
            } catch (Exception e) {
                System.err.println("bench: could not close a load operation: " + e);
            }
        }
    }

    /** One thread's loop; its histogram and counters are merged only after it has finished. */
    private static final class Worker {
        private final Operation operation;
        private final long measureFrom;
        private final long measureUntil;
        private final Histogram latencies = new Histogram(Latency.PRECISION);
        private final Map<String, Long> errors = new HashMap<>();
        private long completed;

        Worker(Operation operation, long measureFrom, long measureUntil) {
            this.operation = operation;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
        }

        void run() {
            while (!Thread.currentThread().isInterrupted() && System.nanoTime() < measureUntil) {
                long start = System.nanoTime();
                String failure;
                try {
                    failure = operation.call();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    failure = e.getClass().getSimpleName();
                }
                long end = System.nanoTime();
                if (end < measureFrom || end > measureUntil) {
                    continue;
                }
                if (failure == null) {
                    latencies.recordValue((end - start) / 1_000);
                    completed++;
                } else {
                    errors.merge(failure, 1L, Long::sum);
                }
            }
        }
    }
}
