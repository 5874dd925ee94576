package dev.aic.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Load driver for the RegisterUser path, end to end, against a running platform.
 *
 * <p>Three phases, one run, the same concurrency throughout:
 *
 * <ol>
 *   <li>{@link BaselineInserts}: what PostgreSQL alone commits per second, the physical limit;
 *   <li>{@link CommandLoad}: peak {@code POST /api/users} throughput, reported as a ratio to (1),
 *       and the CPU every process of the platform spent per registration ({@link CpuPerCommand});
 *   <li>{@link VisibilityLag}: at half the rate of (2), how long until each new user is readable on
 *       the query side.
 * </ol>
 *
 * Measuring the baseline in the same run, on the same machine and at the same moment, is what makes
 * the verdict robust to a slow or busy machine. {@link Report} prints the figures and writes them
 * as JSON. Exit status: 0 when every request succeeded (targets met or not: missing one is a
 * finding, not a crash), 1 when a phase saw errors, 2 on bad arguments.
 */
public final class RegisterUserBenchmark {

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(120);

    /**
     * How long the idle burn is measured, and how long the consumers get to settle after the read
     * models.
     */
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(5);

    private static final Duration SETTLE = Duration.ofSeconds(2);

    private RegisterUserBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(Options.fromCommandLine(args, "adam")));
    }

    static int run(Options options) throws Exception {
        Instant startedAt = Instant.now();
        UsersApi api =
                new UsersApi(
                        new Http(),
                        options.commandSide(),
                        options.querySide(),
                        AccessToken.clientCredentials(
                                options.issuer(), options.caller(), options.callerSecret()));
        api.requireReady();
        Emails emails = new Emails();
        int n = options.concurrency();
        Map<String, Double> cpuBusy = new LinkedHashMap<>();

        say("1/3 baseline: raw event-shaped INSERTs into bench.bench_event, " + options.timing());
        ClosedLoop.Result baseline =
                MachineCpu.during(
                        "baseline",
                        cpuBusy,
                        () ->
                                new BaselineInserts(options)
                                        .run(n, options.warmup(), options.duration()));
        say(String.format(Locale.ROOT, "    %.0f inserts/s", baseline.perSecond()));

        say(
                "    the platform's processes idle for "
                        + IDLE_WINDOW.toSeconds()
                        + " s: their CPU burn at rest");
        ProcessCpu.Sample idle = CpuPerCommand.idleRate(IDLE_WINDOW);
        say("2/3 commands: closed-loop POST /api/users, " + options.timing());
        CommandLoad commandLoad = new CommandLoad(api, emails);
        ProcessCpu.Sample cpuBefore = ProcessCpu.sample();
        SqlPerCommand.Counts sqlBefore = api.sqlCounts();
        long commandsFrom = System.nanoTime();
        ClosedLoop.Result commands =
                MachineCpu.during(
                        "commands",
                        cpuBusy,
                        () -> commandLoad.run(n, options.warmup(), options.duration()));
        say(
                String.format(
                        Locale.ROOT,
                        "    %.0f commands/s, errors %s",
                        commands.perSecond(),
                        commands.errors()));

        VisibilityLag visibility =
                new VisibilityLag(api, emails, n, options.visibilityTimeout(), readers(options));
        say("    waiting for the query side to catch up with the peak-load backlog");
        VisibilityLag.CatchUp catchUp =
                visibility.awaitCatchUp(commandLoad.latest(), CATCH_UP_TIMEOUT);
        // the Kafka publisher and the other processors of the command-side follow the read models
        // by a moment
        Thread.sleep(SETTLE.toMillis());
        CpuPerCommand cpu =
                new CpuPerCommand(
                        ProcessCpu.sample().minus(cpuBefore),
                        idle,
                        Duration.ofNanos(System.nanoTime() - commandsFrom),
                        commandLoad.created());
        SqlPerCommand sql =
                new SqlPerCommand(api.sqlCounts().minus(sqlBefore), commandLoad.created());

        double rate = Math.max(1, commands.perSecond() / 2);
        say(
                String.format(
                        Locale.ROOT,
                        "3/3 lag: open-loop POST at %.0f/s, each followed by one GET /api/users/{id}"
                                + " with its Consistency-Token, %s",
                        rate,
                        options.timing()));
        VisibilityLag.Result lag =
                MachineCpu.during(
                        "lag",
                        cpuBusy,
                        () -> visibility.run(rate, options.warmup(), options.duration()));

        Report report =
                new Report(options, startedAt, baseline, commands, cpu, sql, catchUp, lag, cpuBusy);
        System.out.print(report.summary());
        Path json = report.writeJson(options.outputDirectory());
        say("summary written to " + json);
        return report.hasErrors() ? 1 : 0;
    }

    /** The members the lag phase's waiters read as ({@link VisibilityLag#READERS}). */
    private static List<String> readers(Options options) throws IOException, InterruptedException {
        List<String> readers = new ArrayList<>();
        for (int i = 1; i <= VisibilityLag.READERS; i++) {
            readers.add(
                    "Bearer "
                            + AccessToken.clientCredentials(
                                    options.issuer(), "lag-reader-" + i, options.callerSecret()));
        }
        return readers;
    }

    private static void say(String line) {
        System.out.println("bench: " + line);
    }
}
