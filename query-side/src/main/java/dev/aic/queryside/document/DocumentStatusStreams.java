package dev.aic.queryside.document;

import dev.aic.web.ratelimit.ConcurrencyLimit;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of a document's processing status: the status at once, then every change, on a small
 * shared scheduler (no thread waits per stream). However many streams follow one document, one poll every
 * {@code poll-interval} reads its status; only when it changed does each stream read what its own reader may
 * see and send it. A stream ends when the status settles (INDEXED or FAILED), when the document disappears for
 * its reader, or after {@code timeout}. At most {@code max-streams-per-caller} streams per caller and
 * {@code max-streams} in all are open at once; more are answered 429.
 */
@Component
class DocumentStatusStreams implements DisposableBean {

    static final String EVENT_NAME = "status";
    private static final Logger log = LoggerFactory.getLogger(DocumentStatusStreams.class);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final DocumentStreamProperties properties;
    private final Function<UUID, Optional<DocumentStatus>> statuses;
    private final ScheduledExecutorService scheduler;
    private final ConcurrencyLimit open;
    private final Map<UUID, Watch> watches = new ConcurrentHashMap<>();

    DocumentStatusStreams(DocumentStreamProperties properties, Documents documents) {
        this.properties = properties;
        this.statuses = id -> documents.find(id, DocumentAudience.everyone()).map(DocumentStatus::of);
        this.open = new ConcurrencyLimit(properties.maxStreamsPerCaller(), properties.maxStreams());
        AtomicInteger threadNumber = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(properties.threads(), task -> {
            Thread thread = new Thread(task, "document-status-" + threadNumber.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A stream of document {@code id} for {@code caller} ({@code Caller.key()}); {@code asSeenByReader} reads the
     * status as the reader may see it, and empty from it ends the stream.
     *
     * @throws TooManyStreamsException when the caller, or everyone together, has as many streams open as allowed
     */
    SseEmitter open(String caller, UUID id, Supplier<Optional<DocumentStatus>> asSeenByReader) {
        if (!open.tryAcquire(caller)) {
            throw new TooManyStreamsException();
        }
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        Stream stream = new Stream(emitter, asSeenByReader, () -> {
            open.release(caller);
            unwatch(id);
        });
        emitter.onCompletion(stream::close);
        emitter.onError(error -> stream.close());
        emitter.onTimeout(() -> {
            stream.close();
            emitter.complete();
        });
        watches.compute(id, (key, watch) -> {
            Watch watching = watch == null ? watch(id) : watch;
            watching.streams().add(stream);
            return watching;
        });
        scheduler.execute(() -> deliver(stream));
        return emitter;
    }

    /** How many documents are polled right now: one per document, however many streams follow it. */
    int watchedDocuments() {
        return watches.size();
    }

    private Watch watch(UUID id) {
        Watch watch = new Watch(id, ConcurrentHashMap.newKeySet(), new AtomicReference<>(), new AtomicReference<>());
        long interval = properties.pollInterval().toMillis();
        watch.polling().set(scheduler.scheduleWithFixedDelay(() -> poll(watch), interval, interval,
                TimeUnit.MILLISECONDS));
        return watch;
    }

    private void unwatch(UUID id) {
        watches.computeIfPresent(id, (key, watch) -> {
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

    private void poll(Watch watch) {
        try {
            Optional<DocumentStatus> now = statuses.apply(watch.id());
            if (now.equals(watch.last().getAndSet(now))) {
                watch.streams().forEach(this::keepAlive);
                return;
            }
        } catch (RuntimeException e) {
            log.warn("Document status poll failed", e);
            return;
        }
        watch.streams().forEach(this::deliver);
    }

    private void deliver(Stream stream) {
        if (stream.isClosed()) {
            return;
        }
        SseEmitter emitter = stream.emitter();
        try {
            Optional<DocumentStatus> now = stream.asSeenByReader().get();
            if (now.isEmpty()) {
                stream.close();
                emitter.complete();
                return;
            }
            DocumentStatus current = now.get();
            if (!current.equals(stream.sent().get())) {
                emitter.send(SseEmitter.event().name(EVENT_NAME).data(current, MediaType.APPLICATION_JSON));
                stream.sent().set(current);
                stream.lastWrite().set(System.nanoTime());
            }
            if (current.processing().status().settled()) {
                stream.close();
                emitter.complete();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away (or the emitter already completed): nothing more to send
            stream.close();
        } catch (RuntimeException e) {
            log.warn("Document status stream failed", e);
            stream.close();
            emitter.completeWithError(e);
        }
    }

    /**
     * A comment line now and then: a client that went away is only noticed when something is written to it, and
     * until then it would hold one of its caller's streams.
     */
    private void keepAlive(Stream stream) {
        if (stream.isClosed() || System.nanoTime() - stream.lastWrite().get() < KEEP_ALIVE.toNanos()) {
            return;
        }
        try {
            stream.emitter().send(SseEmitter.event().comment("keep-alive"));
            stream.lastWrite().set(System.nanoTime());
        } catch (IOException | IllegalStateException e) {
            stream.close();
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }

    /** One client's stream; closing it (once, whichever callback comes first) frees its place. */
    private static final class Stream {

        private final SseEmitter emitter;
        private final Supplier<Optional<DocumentStatus>> asSeenByReader;
        private final Runnable onClose;
        private final AtomicReference<DocumentStatus> sent = new AtomicReference<>();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicLong lastWrite = new AtomicLong(System.nanoTime());

        Stream(SseEmitter emitter, Supplier<Optional<DocumentStatus>> asSeenByReader, Runnable onClose) {
            this.emitter = emitter;
            this.asSeenByReader = asSeenByReader;
            this.onClose = onClose;
        }

        SseEmitter emitter() {
            return emitter;
        }

        Supplier<Optional<DocumentStatus>> asSeenByReader() {
            return asSeenByReader;
        }

        AtomicReference<DocumentStatus> sent() {
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

    /** The one poll of a document, and the streams that follow it. */
    private record Watch(UUID id, Set<Stream> streams, AtomicReference<Optional<DocumentStatus>> last,
                         AtomicReference<ScheduledFuture<?>> polling) {
    }
}
