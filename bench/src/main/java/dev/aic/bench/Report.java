package dev.aic.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The RegisterUser benchmark's verdict, as a text block for people and a JSON file for tools.
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
    private final ClosedLoop.Result baseline;
    private final ClosedLoop.Result commands;
    private final CpuPerCommand cpu;
    private final SqlPerCommand sql;
    private final VisibilityLag.CatchUp catchUp;
    private final VisibilityLag.Result lag;
    private final Summary format;

    /**
     * @param cpuBusy fraction of the machine's CPU time that was busy during each phase
     *     ("baseline", "commands", "lag"), NaN where unknown
     */
    Report(
            Options options,
            Instant startedAt,
            ClosedLoop.Result baseline,
            ClosedLoop.Result commands,
            CpuPerCommand cpu,
            SqlPerCommand sql,
            VisibilityLag.CatchUp catchUp,
            VisibilityLag.Result lag,
            Map<String, Double> cpuBusy) {
        this.options = options;
        this.baseline = baseline;
        this.commands = commands;
        this.cpu = cpu;
        this.sql = sql;
        this.catchUp = catchUp;
        this.lag = lag;
        this.format = new Summary("register-user", options, startedAt, cpuBusy);
    }

    double ratio() {
        return commands.perSecond() / baseline.perSecond();
    }

    boolean ratioMet() {
        return ratio() >= MIN_RATIO;
    }

    boolean lagMet() {
        return lag.lag().count() > 0
                && lag.lag().p99Ms() <= MAX_LAG_P99_MS
                && lag.notVisible() == 0;
    }

    /**
     * True when a phase saw failures, which makes its figures meaningless (see the error lines).
     */
    boolean hasErrors() {
        return commands.errorCount() > 0 || lag.errorCount() > 0 || baseline.errorCount() > 0;
    }

    String summary() {
        StringBuilder text = new StringBuilder();
        text.append(format.title("RegisterUser"));
        text.append(format.baselineLine(baseline));
        text.append(
                String.format(
                        Locale.ROOT,
                        "commands  cmds/s=%-9.0f p50=%.2fms p99=%.2fms max=%.2fms  ratio=%.3f (target >= %.1f) %s%s%n",
                        commands.perSecond(),
                        commands.latency().p50Ms(),
                        commands.latency().p99Ms(),
                        commands.latency().maxMs(),
                        ratio(),
                        MIN_RATIO,
                        verdict(ratioMet()),
                        format.cpu("commands")));
        text.append(Summary.errorLine(commands.errors()));
        text.append(cpu.text("registration"));
        text.append(sql.text("registration"));
        text.append(
                String.format(
                        Locale.ROOT,
                        "catch-up  %s%n",
                        catchUp.complete()
                                ? String.format(
                                        Locale.ROOT,
                                        "query side showed the last peak-load users %.2f s after the load stopped",
                                        catchUp.took().toNanos() / 1e9)
                                : "query side did NOT show the last peak-load users within "
                                        + catchUp.took().toSeconds()
                                        + " s"));
        text.append(
                String.format(
                        Locale.ROOT,
                        "lag       rate=%.0f/s (asked %.0f/s) p50=%.2fms p99=%.2fms max=%.2fms  (target p99 <= %.0f ms) %s%s%n",
                        lag.achievedRate(),
                        lag.targetRate(),
                        lag.lag().p50Ms(),
                        lag.lag().p99Ms(),
                        lag.lag().maxMs(),
                        MAX_LAG_P99_MS,
                        verdict(lagMet()),
                        format.cpu("lag")));
        if (lag.notVisible() > 0) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            "          %d users never became readable within %d s%n",
                            lag.notVisible(),
                            options.visibilityTimeout().toSeconds()));
        }
        if (lag.dropped() > 0) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            "          %d scheduled registrations skipped: the senders fell behind the rate%n",
                            lag.dropped()));
        }
        if (lag.refused() > 0) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            "          %d waits refused for too many at once (429) and sent again%n",
                            lag.refused()));
        }
        text.append(Summary.errorLine(lag.errors()));
        return text.toString();
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }

    /**
     * Writes the JSON summary as {@code register-user-<UTC timestamp>.json} and returns its path.
     */
    Path writeJson(Path directory) throws IOException {
        ObjectNode root = format.json();
        format.closedLoop(root, "baseline", baseline);

        ObjectNode cmd = format.closedLoop(root, "commands", commands);
        cmd.put("ratioToBaseline", Summary.round(ratio()));
        cmd.put("targetMinRatio", MIN_RATIO);
        cmd.put("targetMet", ratioMet());
        cpu.json(cmd, "cpu");
        sql.json(cmd, "sql");

        ObjectNode caught = root.putObject("catchUp");
        caught.put("complete", catchUp.complete());
        caught.put("seconds", Summary.round(catchUp.took().toNanos() / 1e9));

        ObjectNode visibility = root.putObject("lag");
        visibility.put("targetRatePerSecond", Summary.round(lag.targetRate()));
        visibility.put("readWith", "Consistency-Token");
        visibility.put("refusedWaits", lag.refused());
        visibility.put("achievedRatePerSecond", Summary.round(lag.achievedRate()));
        visibility.put("users", lag.created());
        Summary.latency(visibility, lag.lag());
        visibility.put("notVisible", lag.notVisible());
        visibility.put("skipped", lag.dropped());
        visibility.putPOJO("errors", lag.errors());
        visibility.put("targetMaxP99Ms", MAX_LAG_P99_MS);
        visibility.put("targetMet", lagMet());
        Summary.putRounded(visibility, "machineCpuBusy", format.cpuBusy("lag"));
        return format.write(root, directory);
    }
}
