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
 * The benchmark's verdict, as a text block for people and a JSON file for tools.
 *
 * <p>The targets are ratios and bounds, never absolute speeds, because absolute figures depend on
 * the machine (and on whatever else runs on it): command throughput must be at least half of the
 * raw-insert baseline measured in the same run at the same concurrency, and the p99 visibility lag
 * at half the peak command rate must stay within 100 ms.
 */
final class Report {

    static final double MIN_RATIO = 0.5;
    static final double MAX_LAG_P99_MS = 100;

    private final Options options;
    private final Instant startedAt;
    private final ClosedLoop.Result baseline;
    private final ClosedLoop.Result commands;
    private final VisibilityLag.CatchUp catchUp;
    private final VisibilityLag.Result lag;
    private final Map<String, Double> cpuBusy;

    /**
     * @param cpuBusy fraction of the machine's CPU time that was busy during each phase
     *                ("baseline", "commands", "lag"), NaN where unknown
     */
    Report(Options options, Instant startedAt, ClosedLoop.Result baseline, ClosedLoop.Result commands,
           VisibilityLag.CatchUp catchUp, VisibilityLag.Result lag, Map<String, Double> cpuBusy) {
        this.options = options;
        this.startedAt = startedAt;
        this.baseline = baseline;
        this.commands = commands;
        this.catchUp = catchUp;
        this.lag = lag;
        this.cpuBusy = cpuBusy;
    }

    double ratio() {
        return commands.perSecond() / baseline.perSecond();
    }

    boolean ratioMet() {
        return ratio() >= MIN_RATIO;
    }

    boolean lagMet() {
        return lag.lag().count() > 0 && lag.lag().p99Ms() <= MAX_LAG_P99_MS && lag.notVisible() == 0;
    }

    /** True when a phase saw failures, which makes its figures meaningless (see the error lines). */
    boolean hasErrors() {
        return commands.errorCount() > 0 || lag.errorCount() > 0 || baseline.errorCount() > 0;
    }

    String summary() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%n=== RegisterUser benchmark, %s, concurrency %d, %d s measured after %d s warmup ===%n",
                startedAt, options.concurrency(), options.duration().toSeconds(), options.warmup().toSeconds()));
        text.append(String.format(Locale.ROOT, "baseline  inserts/s=%-8.0f p50=%.2fms p99=%.2fms max=%.2fms  (concurrency %d)%s%n",
                baseline.perSecond(), baseline.latency().p50Ms(), baseline.latency().p99Ms(),
                baseline.latency().maxMs(), options.concurrency(), cpu("baseline")));
        text.append(errorLine(baseline.errors()));
        text.append(String.format(Locale.ROOT, "commands  cmds/s=%-9.0f p50=%.2fms p99=%.2fms max=%.2fms  ratio=%.3f (target >= %.1f) %s%s%n",
                commands.perSecond(), commands.latency().p50Ms(), commands.latency().p99Ms(),
                commands.latency().maxMs(), ratio(), MIN_RATIO, verdict(ratioMet()), cpu("commands")));
        text.append(errorLine(commands.errors()));
        text.append(String.format(Locale.ROOT, "catch-up  %s%n", catchUp.complete()
                ? String.format(Locale.ROOT, "query side showed the last peak-load users %.2f s after the load stopped",
                        catchUp.took().toNanos() / 1e9)
                : "query side did NOT show the last peak-load users within " + catchUp.took().toSeconds() + " s"));
        text.append(String.format(Locale.ROOT, "lag       rate=%.0f/s (asked %.0f/s) p50=%.2fms p99=%.2fms max=%.2fms  (target p99 <= %.0f ms) %s%s%n",
                lag.achievedRate(), lag.targetRate(), lag.lag().p50Ms(), lag.lag().p99Ms(), lag.lag().maxMs(),
                MAX_LAG_P99_MS, verdict(lagMet()), cpu("lag")));
        if (lag.notVisible() > 0) {
            text.append(String.format(Locale.ROOT, "          %d users never became readable within %d s%n",
                    lag.notVisible(), options.visibilityTimeout().toSeconds()));
        }
        if (lag.dropped() > 0) {
            text.append(String.format(Locale.ROOT, "          %d scheduled registrations skipped: the senders fell behind the rate%n",
                    lag.dropped()));
        }
        text.append(errorLine(lag.errors()));
        return text.toString();
    }

    /** " [cpu 97%]": how busy the machine was, to tell CPU-bound phases from waiting ones. */
    private String cpu(String phase) {
        double busy = cpuBusy.getOrDefault(phase, Double.NaN);
        return Double.isNaN(busy) ? "" : String.format(Locale.ROOT, "  [machine cpu %.0f%%]", busy * 100);
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }

    private static String errorLine(Map<String, Long> errors) {
        return errors.isEmpty() ? "" : "          errors: " + errors + "\n";
    }

    /** Writes the JSON summary as {@code register-user-<UTC timestamp>.json} and returns its path. */
    Path writeJson(Path directory) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("benchmark", "register-user");
        root.put("startedAt", startedAt.toString());
        root.put("concurrency", options.concurrency());
        root.put("durationSeconds", options.duration().toSeconds());
        root.put("warmupSeconds", options.warmup().toSeconds());
        root.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        root.put("javaVersion", System.getProperty("java.version"));

        ObjectNode base = root.putObject("baseline");
        closedLoop(base, baseline);
        putRounded(base, "machineCpuBusy", cpuBusy.getOrDefault("baseline", Double.NaN));

        ObjectNode cmd = root.putObject("commands");
        closedLoop(cmd, commands);
        putRounded(cmd, "machineCpuBusy", cpuBusy.getOrDefault("commands", Double.NaN));
        cmd.put("ratioToBaseline", round(ratio()));
        cmd.put("targetMinRatio", MIN_RATIO);
        cmd.put("targetMet", ratioMet());

        ObjectNode caught = root.putObject("catchUp");
        caught.put("complete", catchUp.complete());
        caught.put("seconds", round(catchUp.took().toNanos() / 1e9));

        ObjectNode visibility = root.putObject("lag");
        visibility.put("targetRatePerSecond", round(lag.targetRate()));
        visibility.put("pollIntervalMs", options.pollInterval().toMillis());
        visibility.put("achievedRatePerSecond", round(lag.achievedRate()));
        visibility.put("users", lag.created());
        latency(visibility, lag.lag());
        visibility.put("notVisible", lag.notVisible());
        visibility.put("skipped", lag.dropped());
        visibility.putPOJO("errors", lag.errors());
        visibility.put("targetMaxP99Ms", MAX_LAG_P99_MS);
        visibility.put("targetMet", lagMet());
        putRounded(visibility, "machineCpuBusy", cpuBusy.getOrDefault("lag", Double.NaN));

        Files.createDirectories(directory);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(startedAt);
        Path file = directory.resolve("register-user-" + stamp + ".json");
        json.writeValue(file.toFile(), root);
        return file;
    }

    private static void closedLoop(ObjectNode node, ClosedLoop.Result result) {
        node.put("operations", result.operations());
        node.put("perSecond", round(result.perSecond()));
        latency(node, result.latency());
        node.putPOJO("errors", result.errors());
    }

    private static void latency(ObjectNode node, Latency latency) {
        putRounded(node, "p50Ms", latency.p50Ms());
        putRounded(node, "p99Ms", latency.p99Ms());
        putRounded(node, "maxMs", latency.maxMs());
    }

    /** Three decimals, or null for an unknown (NaN) figure: JSON has no NaN. */
    private static void putRounded(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else {
            node.put(name, round(value));
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
