package dev.aic.bench;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Peak RSVP throughput over a set of published events: worker {@code w} RSVPs to event {@code w mod
 * events}, each time as the next member of the pool who has not yet RSVPed to that event, back to
 * back.
 *
 * <p>Every counted operation is a member's first RSVP to the event, answered 200 with a {@code
 * CONFIRMED} seat (the capacity is never reached): the command that appends {@code RsvpConfirmed}
 * and stores the member's reminder. A second RSVP by the same member would change nothing and
 * append nothing, so it would flatter the figure; cancel-and-RSVP-again pairs would mix in another
 * command. Hence one member per RSVP, and a pool large enough for the phase. Anything else (another
 * status, a waiting-list place, a pool used up) counts as an error.
 */
final class RsvpLoad {

    /** One event under load, the next pool member to send to it, and its highest version seen. */
    private record Target(UUID event, AtomicInteger nextMember, AtomicLong version) {}

    private static final long EXHAUSTED_PAUSE = TimeUnit.MILLISECONDS.toNanos(50);

    private final EventsApi api;
    private final List<String> members;
    private final List<Target> targets;

    RsvpLoad(EventsApi api, List<String> members, List<UUID> events) {
        this.api = api;
        this.members = members;
        this.targets =
                events.stream()
                        .map(event -> new Target(event, new AtomicInteger(), new AtomicLong()))
                        .toList();
    }

    ClosedLoop.Result run(int concurrency, Duration warmup, Duration duration) throws Exception {
        return ClosedLoop.run(
                concurrency,
                warmup,
                duration,
                worker -> new Rsvp(targets.get(worker % targets.size())));
    }

    /** How many events the load is spread over. */
    int events() {
        return targets.size();
    }

    /** The most events any one of the targets holds now: the history a command on it replays. */
    long longestHistory() {
        // versions count from 0: Drafted is 0, Published 1
        return targets.stream().mapToLong(target -> target.version().get() + 1).max().orElse(0);
    }

    /** RSVPs sent to each event, on average, warmup included. */
    double rsvpsPerEvent() {
        return targets.stream()
                .mapToLong(target -> Math.min(target.nextMember().get(), members.size()))
                .average()
                .orElse(0);
    }

    private final class Rsvp implements ClosedLoop.Operation {
        private final Target target;

        Rsvp(Target target) {
            this.target = target;
        }

        @Override
        public String call() throws Exception {
            int member = target.nextMember().getAndIncrement();
            if (member >= members.size()) {
                // not a busy loop: the phase is void anyway, and spinning would starve the services
                LockSupport.parkNanos(EXHAUSTED_PAUSE);
                return "member pool used up (raise --members)";
            }
            EventsApi.Rsvp rsvp = api.rsvp(target.event(), members.get(member));
            if (rsvp.status() != 200) {
                return "HTTP " + rsvp.status();
            }
            if (!"CONFIRMED".equals(rsvp.seat())) {
                return "seat " + rsvp.seat();
            }
            target.version().accumulateAndGet(rsvp.version(), Math::max);
            return null;
        }
    }
}
