package dev.aic.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Load driver for RSVPs to community events, end to end, against a running platform: how many RSVP
 * commands per second one hot event takes, against the same load spread over many events.
 *
 * <p>Before the clock starts, {@link Members} signs in and registers a pool of members ({@code
 * --members}), and the organiser ({@code --caller}, olivia) drafts and publishes the events. Then
 * four phases, one run, the same concurrency throughout but for (2):
 *
 * <ol>
 *   <li>{@link BaselineInserts}: what PostgreSQL alone commits per second, the physical limit;
 *   <li>serial: ONE caller RSVPs to its own event, back to back: the rate of one command at a time
 *       with nobody waiting, the ceiling of a serialised event;
 *   <li>hot: every worker RSVPs to ONE event, each RSVP by a member who has not RSVPed to it yet;
 *   <li>many: worker {@code w} RSVPs to event {@code w mod --events} (one event per worker by
 *       default).
 * </ol>
 *
 * Each RSVP figure is printed as a ratio to (1), and the hot one as a ratio to the serial and the
 * many ones.
 *
 * <p><b>What bounds the hot figure.</b> An event is the consistency boundary for its seats, so the
 * command side runs the commands on one event one after the other: {@code Commands} takes {@code
 * pg_advisory_xact_lock} on the event's id before Axon loads it and holds it until commit, and
 * Axon's optimistic check on {@code (aggregate, sequence number)} backs that up. The hot phase
 * therefore measures one command at a time, whatever the concurrency: its rate is about {@code 1 /
 * (time one RSVP holds the lock)}, and its latency is mostly the queue of the other workers in
 * front of the lock. The event is also rebuilt from its whole history on every command (no
 * snapshots, no aggregate cache), so that time grows with the RSVPs it already took; the report
 * prints the history length at the end. If the serialisation is the bound, the hot rate stays near
 * the serial one however many callers wait. The many-events phase has N independent locks and short
 * histories, and is bounded by CPU instead.
 *
 * <p><b>Why one member per RSVP.</b> A member RSVPs to an event once: a second RSVP answers where
 * they stand and appends nothing, which is cheaper and would flatter the figure, and pairs of
 * cancel and RSVP again would mix another command into it. So every counted RSVP is a member's
 * first to that event, which appends {@code RsvpConfirmed} and stores a reminder deadline; the
 * capacity (100,000, the largest allowed) is never reached, so no RSVP lands on the waiting list
 * and both phases measure the same command. The pool must hold as many members as the hot event
 * takes RSVPs in its warmup and measured time; if it runs out the phase reports errors (raise
 * {@code --members}). Members keep their usernames across runs, so only the first run registers
 * them.
 *
 * <p>At the end the organiser cancels the benchmark's events, which drops their reminders. Exit
 * status: 0 when every request succeeded, 1 when a phase saw errors, 2 on bad arguments.
 */
public final class RsvpBenchmark {

    /** The largest capacity a draft may ask for, so that every RSVP gets a seat. */
    static final int CAPACITY = 100_000;

    private RsvpBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(Options.fromCommandLine(args, "olivia")));
    }

    static int run(Options options) throws Exception {
        Instant startedAt = Instant.now();
        Http http = new Http();
        http.requireReady(options.commandSide());
        int n = options.concurrency();

        say(
                String.format(
                        Locale.ROOT,
                        "signing in and registering %d members (rsvp-member-1 ...)",
                        options.members()));
        Members.Pool members =
                Members.register(
                        http,
                        options.commandSide(),
                        options.issuer(),
                        options.callerSecret(),
                        options.members(),
                        n);
        say(
                String.format(
                        Locale.ROOT,
                        "    %d members, %d of them registered now",
                        members.authorizations().size(),
                        members.newlyRegistered()));

        String organizer =
                "Bearer "
                        + AccessToken.clientCredentials(
                                options.issuer(), options.caller(), options.callerSecret());
        EventsApi events = new EventsApi(http, options.commandSide());
        Callable<SqlPerCommand.Counts> sql =
                () -> SqlPerCommand.sample(http, options.commandSide(), organizer);
        String run = "benchmark " + startedAt;
        List<UUID> serialEvent = new ArrayList<>();
        List<UUID> hotEvent = new ArrayList<>();
        List<UUID> manyEvents = new ArrayList<>();
        Map<String, Double> cpuBusy = new LinkedHashMap<>();
        try {
            say(
                    String.format(
                            Locale.ROOT,
                            "%s drafts and publishes 2 + %d events",
                            options.caller(),
                            options.events()));
            serialEvent.add(events.publish(organizer, "Serial event, " + run, CAPACITY));
            hotEvent.add(events.publish(organizer, "Hot event, " + run, CAPACITY));
            for (int i = 1; i <= options.events(); i++) {
                manyEvents.add(
                        events.publish(
                                organizer,
                                "Event " + i + " of " + options.events() + ", " + run,
                                CAPACITY));
            }

            say(
                    "1/4 baseline: raw event-shaped INSERTs into bench.bench_event, "
                            + options.timing());
            ClosedLoop.Result baseline =
                    MachineCpu.during(
                            "baseline",
                            cpuBusy,
                            () ->
                                    new BaselineInserts(options)
                                            .run(n, options.warmup(), options.duration()));
            say(String.format(Locale.ROOT, "    %.0f inserts/s", baseline.perSecond()));

            say(
                    String.format(
                            Locale.ROOT,
                            "2/4 serial: closed-loop POST /api/events/{id}/rsvp, ONE caller on one event,"
                                    + " %d s warmup + %d s",
                            options.warmup().toSeconds(),
                            options.duration().toSeconds()));
            RsvpReport.Phase serial =
                    rsvps(
                            "serial",
                            new RsvpLoad(events, members.authorizations(), serialEvent),
                            1,
                            options,
                            cpuBusy,
                            sql);

            say(
                    "3/4 hot: closed-loop POST /api/events/{id}/rsvp, all workers on one event, "
                            + options.timing());
            RsvpReport.Phase hot =
                    rsvps(
                            "hot",
                            new RsvpLoad(events, members.authorizations(), hotEvent),
                            options.concurrency(),
                            options,
                            cpuBusy,
                            sql);

            say(
                    String.format(
                            Locale.ROOT,
                            "4/4 many: closed-loop POST /api/events/{id}/rsvp over %d events, %s",
                            options.events(),
                            options.timing()));
            RsvpReport.Phase many =
                    rsvps(
                            "many",
                            new RsvpLoad(events, members.authorizations(), manyEvents),
                            options.concurrency(),
                            options,
                            cpuBusy,
                            sql);

            RsvpReport report =
                    new RsvpReport(
                            options, startedAt, baseline, serial, hot, many, members, CAPACITY,
                            cpuBusy);
            System.out.print(report.summary());
            Path json = report.writeJson(options.outputDirectory());
            say("summary written to " + json);
            return report.hasErrors() ? 1 : 0;
        } finally {
            List<UUID> all = new ArrayList<>(serialEvent);
            all.addAll(hotEvent);
            all.addAll(manyEvents);
            cancel(events, organizer, all);
        }
    }

    private static RsvpReport.Phase rsvps(
            String phase,
            RsvpLoad load,
            int callers,
            Options options,
            Map<String, Double> cpuBusy,
            Callable<SqlPerCommand.Counts> sql)
            throws Exception {
        SqlPerCommand.Counts sqlBefore = sql.call();
        ClosedLoop.Result result =
                MachineCpu.during(
                        phase,
                        cpuBusy,
                        () -> load.run(callers, options.warmup(), options.duration()));
        say(
                String.format(
                        Locale.ROOT,
                        "    %.1f RSVPs/s, errors %s",
                        result.perSecond(),
                        result.errors()));
        long sent = Math.round(load.rsvpsPerEvent() * load.events());
        return new RsvpReport.Phase(
                result,
                callers,
                load.events(),
                load.rsvpsPerEvent(),
                load.longestHistory(),
                new SqlPerCommand(sql.call().minus(sqlBefore), sent));
    }

    /**
     * Cancels the run's events, so their reminders are dropped; a failure is reported, not fatal.
     */
    private static void cancel(EventsApi events, String organizer, List<UUID> all) {
        say("cancelling the benchmark's events (drops their reminders)");
        for (UUID event : all) {
            try {
                int status = events.cancel(event, organizer);
                if (status != 200) {
                    say("    could not cancel event " + event + ": HTTP " + status);
                }
            } catch (Exception e) {
                say("    could not cancel event " + event + ": " + e);
            }
        }
    }

    private static void say(String line) {
        System.out.println("bench: " + line);
    }
}
