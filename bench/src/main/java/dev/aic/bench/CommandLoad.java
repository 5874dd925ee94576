package dev.aic.bench;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

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
    private final List<Register> workers = new CopyOnWriteArrayList<>();
    private final AtomicLong created = new AtomicLong();

    CommandLoad(UsersApi api, Emails emails) {
        this.api = api;
        this.emails = emails;
    }

    ClosedLoop.Result run(int concurrency, Duration warmup, Duration duration) throws Exception {
        workers.clear();
        created.set(0);
        return ClosedLoop.run(
                concurrency,
                warmup,
                duration,
                worker -> {
                    Register register = new Register(worker);
                    workers.add(register);
                    return register;
                });
    }

    /** Every user the last run created, its warmup included. */
    long created() {
        return created.get();
    }

    /**
     * The last user each worker created: once all are readable, the projection has (about) caught
     * up.
     */
    List<UUID> lastCreated() {
        return workers.stream().map(worker -> worker.lastCreated).filter(Objects::nonNull).toList();
    }

    private final class Register implements ClosedLoop.Operation {
        private final int worker;
        private volatile UUID lastCreated;

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
            lastCreated = registration.id();
            created.incrementAndGet();
            return null;
        }
    }
}
