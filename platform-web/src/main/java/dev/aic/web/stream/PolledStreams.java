package dev.aic.web.stream;

import dev.aic.web.ratelimit.ConcurrencyLimit;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of something that changes in a read model (a document's processing, an
 * agenda's solve): its state at once, then every change, on a small shared scheduler (no thread
 * waits per stream). However many streams follow one key, one poll every {@code pollInterval} reads
 * it; only when it changed does each stream read what its own reader may see and send it. A stream
 * ends when the state settles, when it disappears for its reader, or after {@code timeout}. At most
 * {@code maxPerCaller} streams per caller and {@code maxInAll} in all are open at once; more are
 * refused with {@link TooManyStreamsException} (429).
 *
 * @param <K> what a stream follows, e.g. a document id
 * @param <V> what it sends, a record compared with {@code equals}
 */
public final class PolledStreams<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PolledStreams.class);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    /**
     * How often a followed key is read, how long a stream stays open at most, and how many may be
     * open.
     */
    public record Settings(
            Duration pollInterval, Duration timeout, int threads, int maxPerCaller, int maxInAll) {}

    private final String eventName;
    private final Settings settings;
    private final Function<K, Optional<V>> poll;
    private final Predicate<V> settled;
    private final ScheduledExecutorService scheduler;
    private final ConcurrencyLimit open;
    private final Map<K, Watch<K, V>> watches = new ConcurrentHashMap<>();

    /**
     * @param name names the scheduler's threads
     * @param eventName the SSE event name every message carries
     * @param poll reads the key's state as anyone may see it, for change detection only; empty when
     *     gone
     * @param settled whether a state is final: the stream sends it and ends
     */
    public PolledStreams(
            String name,
            String eventName,
            Settings settings,
            Function<K, Optional<V>> poll,
            Predicate<V> settled) {
        this.eventName = eventName;
        this.settings = settings;
        this.poll = poll;
        this.settled = settled;
        this.open = new ConcurrencyLimit(settings.maxPerCaller(), settings.maxInAll());
        AtomicInteger threadNumber = new AtomicInteger();
        this.scheduler =
                Executors.newScheduledThreadPool(
                        settings.threads(),
                        task -> {
                            Thread thread =
                                    new Thread(task, name + "-" + threadNumber.getAndIncrement());
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /**
     * A stream of {@code key} for {@code caller} (its rate-limit key); {@code asSeenByReader} reads
     * the state as the reader may see it, and empty from it ends the stream.
     *
     * @throws TooManyStreamsException when the caller, or everyone together, has as many streams
     *     open as allowed
     */
    public SseEmitter open(String caller, K key, Supplier<Optional<V>> asSeenByReader) {
        if (!open.tryAcquire(caller)) {
            throw new TooManyStreamsException();
        }
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
        Stream<V> stream =
                new Stream<>(
                        emitter,
                        asSeenByReader,
                        () -> {
                            open.release(caller);
                            unwatch(key);
                        });
        emitter.onCompletion(stream::close);
        emitter.onError(error -> stream.close());
        emitter.onTimeout(
                () -> {
                    stream.close();
                    emitter.complete();
                });
        watches.compute(
                key,
                (k, watch) -> {
                    Watch<K, V> watching = watch == null ? watch(key) : watch;
                    watching.streams().add(stream);
                    return watching;
                });
        scheduler.execute(() -> deliver(stream));
        return emitter;
    }

    /** How many keys are polled right now: one poll per key, however many streams follow it. */
    public int watched() {
        return watches.size();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private Watch<K, V> watch(K key) {
        Watch<K, V> watch =
                new Watch<>(
                        key,
                        ConcurrentHashMap.newKeySet(),
                        new AtomicReference<>(),
                        new AtomicReference<>());
        long interval = settings.pollInterval().toMillis();
        watch.polling()
                .set(
                        scheduler.scheduleWithFixedDelay(
                                () -> poll(watch), interval, interval, TimeUnit.MILLISECONDS));
        return watch;
    }

    private void unwatch(K key) {
        watches.computeIfPresent(
                key,
                (k, watch) -> {
                    watch.streams().removeIf(Stream::isClosed);
                    if (!watch.streams().isEmpty()) {
                        return watch;
                    }
                    ScheduledFuture<?> polling = watch.polling().get();
                    if (polling != null) {
                        polling.cancel(false);
                    }
                    return null;
                });
    }

    private void poll(Watch<K, V> watch) {
        try {
            Optional<V> now = poll.apply(watch.key());
            if (now.equals(watch.last().getAndSet(now))) {
                watch.streams().forEach(this::keepAlive);
                return;
            }
        } catch (RuntimeException e) {
            log.warn("Poll of a {} stream failed", eventName, e);
            return;
        }
        watch.streams().forEach(this::deliver);
    }

    private void deliver(Stream<V> stream) {
        if (stream.isClosed()) {
            return;
        }
        SseEmitter emitter = stream.emitter();
        try {
            Optional<V> now = stream.asSeenByReader().get();
            if (now.isEmpty()) {
                stream.close();
                emitter.complete();
                return;
            }
            V current = now.get();
            if (!current.equals(stream.sent().get())) {
                emitter.send(
                        SseEmitter.event()
                                .name(eventName)
                                .data(current, MediaType.APPLICATION_JSON));
                stream.sent().set(current);
                stream.lastWrite().set(System.nanoTime());
            }
            if (settled.test(current)) {
                stream.close();
                emitter.complete();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away (or the emitter already completed): nothing more to send
            stream.close();
        } catch (RuntimeException e) {
            log.warn("A {} stream failed", eventName, e);
            stream.close();
            emitter.completeWithError(e);
        }
    }

    /**
     * A comment line now and then: a client that went away is only noticed when something is
     * written to it, and until then it would hold one of its caller's streams.
     */
    private void keepAlive(Stream<V> stream) {
        if (stream.isClosed()
                || System.nanoTime() - stream.lastWrite().get() < KEEP_ALIVE.toNanos()) {
            return;
        }
        try {
            stream.emitter().send(SseEmitter.event().comment("keep-alive"));
            stream.lastWrite().set(System.nanoTime());
        } catch (IOException | IllegalStateException e) {
            stream.close();
        }
    }

    /** One client's stream; closing it (once, whichever callback comes first) frees its place. */
    private static final class Stream<V> {

        private final SseEmitter emitter;
        private final Supplier<Optional<V>> asSeenByReader;
        private final Runnable onClose;
        private final AtomicReference<V> sent = new AtomicReference<>();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicLong lastWrite = new AtomicLong(System.nanoTime());

        Stream(SseEmitter emitter, Supplier<Optional<V>> asSeenByReader, Runnable onClose) {
            this.emitter = emitter;
            this.asSeenByReader = asSeenByReader;
            this.onClose = onClose;
        }

        SseEmitter emitter() {
            return emitter;
        }

        Supplier<Optional<V>> asSeenByReader() {
            return asSeenByReader;
        }

        AtomicReference<V> sent() {
            return sent;
        }

        AtomicLong lastWrite() {
            return lastWrite;
        }

        boolean isClosed() {
            return closed.get();
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                onClose.run();
            }
        }
    }

    /** The one poll of a key, and the streams that follow it. */
    private record Watch<K, V>(
            K key,
            Set<Stream<V>> streams,
            AtomicReference<Optional<V>> last,
            AtomicReference<ScheduledFuture<?>> polling) {}
}
