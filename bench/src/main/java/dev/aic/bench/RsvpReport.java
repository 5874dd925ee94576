package dev.aic.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The RSVP benchmark's figures, as a text block for people and a JSON file for tools.
 *
 * <p>No target: issue 4 asks for the figures and for what bounds the hot one. Every RSVP phase is
 * reported as a ratio to the raw-insert baseline of the same run, and the hot phase as a ratio to
 * the many-events phase and to the single caller's. The report adds two derived figures that show
 * the serialisation: the time between two RSVPs committed on the hot event ({@code 1 / rate}, about
 * how long one command holds the event's lock) and the wait that a closed loop of N callers queued
 * on one lock implies ({@code N / rate}, Little's law), to compare with the measured p50.
 */
final class RsvpReport {

    /**
     * One RSVP phase: its closed-loop result, its callers and events, and the longest event history
     * at its end.
     */
    record Phase(
            ClosedLoop.Result result,
            int callers,
            int events,
            double rsvpsPerEvent,
            long longestHistory,
            SqlPerCommand sql) {}

    private final Options options;
    private final ClosedLoop.Result baseline;
    private final Phase serial;
    private final Phase hot;
    private final Phase many;
    private final Members.Pool members;
    private final int capacity;
    private final Summary format;

    /**
     * @param cpuBusy fraction of the machine's CPU time that was busy during each phase
     *     ("baseline", "serial", "hot", "many"), NaN where unknown
     */
    RsvpReport(
            Options options,
            Instant startedAt,
            ClosedLoop.Result baseline,
            Phase serial,
            Phase hot,
            Phase many,
            Members.Pool members,
            int capacity,
            Map<String, Double> cpuBusy) {
        this.options = options;
        this.baseline = baseline;
        this.serial = serial;
        this.hot = hot;
        this.many = many;
        this.members = members;
        this.capacity = capacity;
        this.format = new Summary("rsvp", options, startedAt, cpuBusy);
    }

    double ratio(Phase phase) {
        return phase.result().perSecond() / baseline.perSecond();
    }

    double hotToMany() {
        return hot.result().perSecond() / many.result().perSecond();
    }

    double hotToSerial() {
        return hot.result().perSecond() / serial.result().perSecond();
    }

    /**
     * True when a phase saw failures, which makes its figures meaningless (see the error lines).
     */
    boolean hasErrors() {
        return baseline.errorCount() > 0
                || serial.result().errorCount() > 0
                || hot.result().errorCount() > 0
                || many.result().errorCount() > 0;
    }

    String summary() {
        StringBuilder text = new StringBuilder();
        text.append(format.title("RSVP"));
        text.append(format.baselineLine(baseline));
        text.append(phaseLine("serial", serial));
        text.append(phaseLine("hot", hot));
        text.append(phaseLine("many", many));
        double gapMs = 1000 / hot.result().perSecond();
        text.append(
                String.format(
                        Locale.ROOT,
                        "hot/many  %.3f   hot/serial %.2f%n",
                        hotToMany(),
                        hotToSerial()));
        text.append(
                String.format(
                        Locale.ROOT,
                        "          the hot event committed an RSVP every %.1f ms; %d callers queued on its lock wait ≈ %.0f ms"
                                + " each (N / rate), measured p50 %.0f ms%n",
                        gapMs,
                        hot.callers(),
                        hot.callers() * gapMs,
                        hot.result().latency().p50Ms()));
        text.append(
                String.format(
                        Locale.ROOT,
                        "members   %d in the pool (%d registered by this run), capacity %d per event%n",
                        members.authorizations().size(),
                        members.newlyRegistered(),
                        capacity));
        return text.toString();
    }

    private String phaseLine(String name, Phase phase) {
        Latency latency = phase.result().latency();
        return String.format(
                        Locale.ROOT,
                        "%-9s rsvps/s=%-9.1f p50=%.2fms p99=%.2fms max=%.2fms  ratio=%.4f  (%d caller%s, %d event%s,"
                                + " %.0f RSVPs each, longest history %d events)%s%n",
                        name,
                        phase.result().perSecond(),
                        latency.p50Ms(),
                        latency.p99Ms(),
                        latency.maxMs(),
                        ratio(phase),
                        phase.callers(),
                        phase.callers() == 1 ? "" : "s",
                        phase.events(),
                        phase.events() == 1 ? "" : "s",
                        phase.rsvpsPerEvent(),
                        phase.longestHistory(),
                        format.cpu(name))
                + Summary.errorLine(phase.result().errors())
                + phase.sql().text("RSVP");
    }

    /** Writes the JSON summary as {@code rsvp-<UTC timestamp>.json} and returns its path. */
    Path writeJson(Path directory) throws IOException {
        ObjectNode root = format.json();
        root.put("members", members.authorizations().size());
        root.put("capacityPerEvent", capacity);
        format.closedLoop(root, "baseline", baseline);
        phase(root, "serial", serial);
        phase(root, "hot", hot);
        phase(root, "many", many);
        root.put("hotToMany", Summary.round(hotToMany()));
        root.put("hotToSerial", Summary.round(hotToSerial()));
        return format.write(root, directory);
    }

    private void phase(ObjectNode root, String name, Phase phase) {
        ObjectNode node = format.closedLoop(root, name, phase.result());
        // five decimals: a hot event's ratio is in the thousandths
        node.put("ratioToBaseline", Math.round(ratio(phase) * 100_000) / 100_000.0);
        node.put("callers", phase.callers());
        node.put("events", phase.events());
        Summary.putRounded(node, "rsvpsPerEvent", phase.rsvpsPerEvent());
        node.put("longestHistory", phase.longestHistory());
        phase.sql().json(node, "sql");
    }
}
