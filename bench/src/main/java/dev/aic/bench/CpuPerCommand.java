package dev.aic.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;

/**
 * What one command of a phase cost in CPU, summed over every process of the platform and printed
 * per process: the CPU the processes used from the phase's start until the platform had done
 * everything the commands caused (the read models caught up, the consumers settled), divided by the
 * commands. The JIT compilers' part is shown apart, and so is what each process burns while nothing
 * is asked of it (measured just before the phase), which is part of the figure and not subtracted
 * from it: a busy background is a finding too.
 */
record CpuPerCommand(
        ProcessCpu.Sample used, ProcessCpu.Sample idlePerSecond, Duration elapsed, long commands) {

    /**
     * The processes' CPU per second while nothing is asked of them (pollers, heartbeats, the JIT
     * finishing up).
     */
    static ProcessCpu.Sample idleRate(Duration window) throws InterruptedException {
        ProcessCpu.Sample start = ProcessCpu.sample();
        Thread.sleep(window.toMillis()); // the measurement itself: an idle window
        return ProcessCpu.sample().minus(start).dividedBy(window.toNanos() / 1e9);
    }

    ProcessCpu.Sample perCommand() {
        return used.dividedBy(Math.max(1, commands));
    }

    /**
     * The idle burn over the phase, per command: the part of {@link #perCommand()} the commands did
     * not cause.
     */
    ProcessCpu.Sample idlePerCommand() {
        return idlePerSecond.dividedBy(commands / (elapsed.toNanos() / 1e9));
    }

    String text(String command) {
        ProcessCpu.Sample per = perCommand();
        ProcessCpu.Sample idle = idlePerCommand();
        StringBuilder text =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "cpu       %.2f ms per %s over every process (JIT %.2f ms; idle burn %.2f ms), %d commands in"
                                        + " %.1f s%n",
                                per.sum(),
                                command,
                                per.jitSum(),
                                idle.sum(),
                                commands,
                                elapsed.toNanos() / 1e9));
        per.total()
                .forEach(
                        (process, millis) ->
                                text.append(
                                        String.format(
                                                Locale.ROOT,
                                                "          %-13s %7.2f ms  (JIT %5.2f ms; idle burn %5.2f ms = %6.1f ms/s)%n",
                                                process,
                                                millis,
                                                per.jit().get(process),
                                                idle.total().get(process),
                                                idlePerSecond.total().get(process))));
        return text.toString();
    }

    void json(ObjectNode parent, String name) {
        ObjectNode node = parent.putObject(name);
        ProcessCpu.Sample per = perCommand();
        ProcessCpu.Sample idle = idlePerCommand();
        node.put("commands", commands);
        node.put("seconds", Summary.round(elapsed.toNanos() / 1e9));
        node.put("msPerCommand", Summary.round(per.sum()));
        node.put("jitMsPerCommand", Summary.round(per.jitSum()));
        node.put("idleMsPerCommand", Summary.round(idle.sum()));
        ObjectNode processes = node.putObject("processes");
        per.total()
                .forEach(
                        (process, millis) -> {
                            ObjectNode entry = processes.putObject(process);
                            entry.put("msPerCommand", Summary.round(millis));
                            entry.put("jitMsPerCommand", Summary.round(per.jit().get(process)));
                            entry.put("idleMsPerCommand", Summary.round(idle.total().get(process)));
                            entry.put(
                                    "idleMsPerSecond",
                                    Summary.round(idlePerSecond.total().get(process)));
                        });
    }
}
