package dev.aic.web.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time a development request named in {@link DemoTimeFilter#HEADER}, for the thread that
 * handles it. Its {@link #clock()} reads that instant there and the system clock everywhere else,
 * so whatever the request stamps (the events a command applies, a search's fact) carries it. Exists
 * only where {@code aic.demo.backdating-allowed} is set, under the development profile ({@link
 * DemoTimeConfiguration}); everywhere else the services' clock is the system clock.
 *
 * <p>Not a {@link Clock} bean itself: the services inject their one {@code Clock} by type.
 */
public final class DemoTime {

    // one per JVM: Axon's event clock is a static, which the last context started sets (tests start
    // several)
    private static final ThreadLocal<Instant> OVERRIDE = new ThreadLocal<>();
    private final Clock clock = new DemoClock(ZoneOffset.UTC);

    /** The system clock, except on a thread inside a request that named its time. */
    public Clock clock() {
        return clock;
    }

    /** From now on this thread reads {@code at}, until {@link #release}. */
    void hold(Instant at) {
        OVERRIDE.set(at);
    }

    void release() {
        OVERRIDE.remove();
    }

    private static final class DemoClock extends Clock {

        private final ZoneId zone;
        private final Clock system;

        DemoClock(ZoneId zone) {
            this.zone = zone;
            this.system = Clock.system(zone);
        }

        @Override
        public Instant instant() {
            Instant demo = OVERRIDE.get();
            return demo != null ? demo : system.instant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new DemoClock(other);
        }
    }
}
