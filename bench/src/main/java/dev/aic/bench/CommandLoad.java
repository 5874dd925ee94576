package dev.aic.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Peak command throughput: N workers each register users back-to-back through {@code POST
 * /api/users}, every one with an email address never used before.
 *
 * <p>Anything but 201 is an error, counted by status; the run is only meaningful with none, because
 * a 409 or 500 is cheaper than a real registration and would flatter the figure. The emails carry a
 * per-run prefix so that repeated runs against the same database never collide with each other or
 * with the demo data.
 */
final class CommandLoad {

    private final UsersApi api;
    private final Emails emails;
    private final AtomicReference<UsersApi.Registration> latest = new AtomicReference<>();
    private final AtomicLong created = new AtomicLong();

    CommandLoad(UsersApi api, Emails emails) {
        this.api = api;
        this.emails = emails;
    }

    ClosedLoop.Result run(int concurrency, Duration warmup, Duration duration) throws Exception {
        latest.set(null);
        created.set(0);
        return ClosedLoop.run(concurrency, warmup, duration, Register::new);
    }

    /** Every user the last run created, its warmup included. */
    long created() {
        return created.get();
    }

    /**
     * The registration of the last run with the highest consistency token: once it is readable with
     * that token, the users projection has caught up with the whole run. Null when none succeeded.
     */
    UsersApi.Registration latest() {
        return latest.get();
    }

    private final class Register implements ClosedLoop.Operation {
        private final int worker;

        Register(int worker) {
            this.worker = worker;
        }

        @Override
        public String call() throws Exception {
            UsersApi.Registration registration =
                    api.register(emails.next("load", worker), "Benchmark User");
            if (!registration.created()) {
                return "HTTP " + registration.status();
            }
            latest.accumulateAndGet(
                    registration,
                    (seen, now) ->
                            seen == null || now.consistencyToken() > seen.consistencyToken()
                                    ? now
                                    : seen);
            created.incrementAndGet();
            return null;
        }
    }
}
