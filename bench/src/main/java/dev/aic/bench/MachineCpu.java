package dev.aic.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * How busy the whole machine's CPUs were during a phase, from Linux's {@code /proc/stat}.
 *
 * <p>On a small machine the driver, the three services, PostgreSQL, Kafka and OpenSearch share the
 * same cores, so a figure taken at 100% CPU says "CPU-bound somewhere", one taken at 40% says
 * "waiting on something". The report prints it next to each phase so a reader can tell which. Where
 * {@code /proc/stat} does not exist the figure is simply missing.
 */
final class MachineCpu {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** Cumulative jiffies since boot: all, and the idle ones (idle plus I/O wait). */
    private record Sample(long total, long idle) {}

    private final Sample start;

    private MachineCpu(Sample start) {
        this.start = start;
    }

    /** Starts measuring now. */
    static MachineCpu start() {
        return new MachineCpu(sample());
    }

    /** Runs one phase and records, under its name, how busy the machine was meanwhile. */
    static <T> T during(String phase, Map<String, Double> busyByPhase, Callable<T> work)
            throws Exception {
        MachineCpu cpu = start();
        T result = work.call();
        busyByPhase.put(phase, cpu.busy());
        return result;
    }

    /** Fraction (0..1) of CPU time that was busy since {@link #start()}, or NaN when unknown. */
    double busy() {
        Sample end = sample();
        if (start == null || end == null || end.total() == start.total()) {
            return Double.NaN;
        }
        return 1.0 - (double) (end.idle() - start.idle()) / (end.total() - start.total());
    }

    private static Sample sample() {
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
            long[] jiffies =
                    Arrays.stream(lines.get(0).trim().split("\\s+"))
                            .skip(1)
                            .limit(8)
                            .mapToLong(Long::parseLong)
                            .toArray();
            return new Sample(Arrays.stream(jiffies).sum(), jiffies[3] + jiffies[4]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
