package dev.aic.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * What every driver's report has in common: the baseline line, the machine's CPU per phase, error
 * lines, and a JSON file named after the benchmark and the UTC start, with the same header fields.
 */
final class Summary {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String benchmark;
    private final Options options;
    private final Instant startedAt;
    private final Map<String, Double> cpuBusy;

    /**
     * @param benchmark its name in the JSON and in the file name, e.g. {@code register-user}
     * @param cpuBusy fraction of the machine's CPU time that was busy during each phase, NaN where
     *     unknown
     */
    Summary(String benchmark, Options options, Instant startedAt, Map<String, Double> cpuBusy) {
        this.benchmark = benchmark;
        this.options = options;
        this.startedAt = startedAt;
        this.cpuBusy = cpuBusy;
    }

    /** "=== RSVP benchmark, <start>, concurrency N, D s measured after W s warmup ===". */
    String title(String name) {
        return String.format(
                Locale.ROOT,
                "%n=== %s benchmark, %s, concurrency %d, %d s measured after %d s warmup ===%n",
                name,
                startedAt,
                options.concurrency(),
                options.duration().toSeconds(),
                options.warmup().toSeconds());
    }

    /** The raw-insert baseline's line and its errors, if any. */
    String baselineLine(ClosedLoop.Result baseline) {
        return String.format(
                        Locale.ROOT,
                        "baseline  inserts/s=%-8.0f p50=%.2fms p99=%.2fms max=%.2fms  (concurrency %d)%s%n",
                        baseline.perSecond(),
                        baseline.latency().p50Ms(),
                        baseline.latency().p99Ms(),
                        baseline.latency().maxMs(),
                        options.concurrency(),
                        cpu("baseline"))
                + errorLine(baseline.errors());
    }

    /** Fraction of the machine's CPU that was busy during the phase, NaN when unknown. */
    double cpuBusy(String phase) {
        return cpuBusy.getOrDefault(phase, Double.NaN);
    }

    /**
     * " [machine cpu 97%]": how busy the machine was, to tell CPU-bound phases from waiting ones.
     */
    String cpu(String phase) {
        double busy = cpuBusy(phase);
        return Double.isNaN(busy)
                ? ""
                : String.format(Locale.ROOT, "  [machine cpu %.0f%%]", busy * 100);
    }

    static String errorLine(Map<String, Long> errors) {
        return errors.isEmpty() ? "" : "          errors: " + errors + "\n";
    }

    /** A JSON document with the run's header fields; the driver adds its phases. */
    ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("benchmark", benchmark);
        root.put("startedAt", startedAt.toString());
        root.put("concurrency", options.concurrency());
        root.put("durationSeconds", options.duration().toSeconds());
        root.put("warmupSeconds", options.warmup().toSeconds());
        root.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        root.put("javaVersion", System.getProperty("java.version"));
        return root;
    }

    /**
     * A closed-loop phase under {@code root.<phase>}: operations, rate, latency, errors and CPU.
     */
    ObjectNode closedLoop(ObjectNode root, String phase, ClosedLoop.Result result) {
        ObjectNode node = root.putObject(phase);
        node.put("operations", result.operations());
        node.put("perSecond", round(result.perSecond()));
        latency(node, result.latency());
        node.putPOJO("errors", result.errors());
        putRounded(node, "machineCpuBusy", cpuBusy(phase));
        return node;
    }

    /**
     * Writes {@code root} as {@code <benchmark>-<UTC timestamp>.json} in {@code directory}; answers
     * the path.
     */
    Path write(ObjectNode root, Path directory) throws IOException {
        Files.createDirectories(directory);
        String stamp =
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(startedAt);
        Path file = directory.resolve(benchmark + "-" + stamp + ".json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    static void latency(ObjectNode node, Latency latency) {
        putRounded(node, "p50Ms", latency.p50Ms());
        putRounded(node, "p95Ms", latency.p95Ms());
        putRounded(node, "p99Ms", latency.p99Ms());
        putRounded(node, "maxMs", latency.maxMs());
    }

    /** Three decimals, or null for an unknown (NaN) figure: JSON has no NaN. */
    static void putRounded(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else {
            node.put(name, round(value));
        }
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
