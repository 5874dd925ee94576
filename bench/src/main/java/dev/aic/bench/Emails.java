package dev.aic.bench;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique, valid email addresses for one run.
 *
 * <p>Registration rejects a second use of an address with 409, so every request needs a fresh one;
 * the run prefix (time plus randomness) keeps them unique across runs against the same database.
 */
final class Emails {

    private final String run =
            Long.toString(Instant.now().getEpochSecond(), 36)
                    + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    private final AtomicLong sequence = new AtomicLong();

    String next(String phase, int worker) {
        return "bench-"
                + run
                + "-"
                + phase
                + "-"
                + worker
                + "-"
                + sequence.incrementAndGet()
                + "@example.org";
    }
}
