package dev.aic.web.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many of one costly thing (a waiting request, an upload being received, an open event stream)
 * may be under way at once: per caller, and for everyone together. The rate limit bounds how often
 * a caller may ask; this bounds how much of a shared resource the caller may hold while the answers
 * take their time.
 */
public final class ConcurrencyLimit {

    private final int perCaller;
    private final int total;
    private final Map<String, Integer> byCaller = new ConcurrentHashMap<>();
    private final AtomicInteger inUse = new AtomicInteger();

    public ConcurrencyLimit(int perCaller, int total) {
        if (perCaller < 1 || total < perCaller) {
            throw new IllegalArgumentException(
                    "A concurrency limit needs perCaller >= 1 and total >= perCaller");
        }
        this.perCaller = perCaller;
        this.total = total;
    }

    /**
     * @return true when {@code caller} may start one more; every true must be followed by one
     *     {@link #release}
     */
    public boolean tryAcquire(String caller) {
        boolean[] admitted = {false};
        byCaller.compute(
                caller,
                (key, held) -> {
                    int now = held == null ? 0 : held;
                    admitted[0] = now < perCaller;
                    return admitted[0] ? now + 1 : held;
                });
        if (!admitted[0]) {
            return false;
        }
        if (inUse.incrementAndGet() > total) {
            release(caller);
            return false;
        }
        return true;
    }

    public void release(String caller) {
        inUse.decrementAndGet();
        byCaller.computeIfPresent(caller, (key, held) -> held <= 1 ? null : held - 1);
    }

    /** How many are under way right now, all callers together. */
    public int inUse() {
        return inUse.get();
    }
}
