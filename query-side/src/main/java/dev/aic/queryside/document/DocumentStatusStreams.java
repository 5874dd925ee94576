package dev.aic.queryside.document;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of a document's processing status: the status at once, then every change, read from the
 * read model every {@code poll-interval} on a small shared scheduler (no thread waits per stream). A stream ends
 * when the status settles (INDEXED or FAILED), when the document disappears, or after {@code timeout}.
 */
@Component
class DocumentStatusStreams implements DisposableBean {

    static final String EVENT_NAME = "status";
    private static final Logger log = LoggerFactory.getLogger(DocumentStatusStreams.class);

    private final DocumentStreamProperties properties;
    private final ScheduledExecutorService scheduler;

    DocumentStatusStreams(DocumentStreamProperties properties) {
        this.properties = properties;
        AtomicInteger threadNumber = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(properties.threads(), task -> {
            Thread thread = new Thread(task, "document-status-" + threadNumber.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A stream of what {@code status} reads; empty from it means the document is gone (or no longer readable)
     * and ends the stream.
     */
    SseEmitter open(Supplier<Optional<DocumentStatus>> status) {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        AtomicReference<DocumentStatus> sent = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> polling = new AtomicReference<>();
        Runnable stop = () -> {
            ScheduledFuture<?> future = polling.get();
            if (future != null) {
                future.cancel(false);
            }
        };
        emitter.onCompletion(stop);
        emitter.onError(error -> stop.run());
        emitter.onTimeout(() -> {
            stop.run();
            emitter.complete();
        });
        polling.set(scheduler.scheduleWithFixedDelay(() -> poll(emitter, status, sent, stop), 0,
                properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS));
        return emitter;
    }

    private static void poll(SseEmitter emitter, Supplier<Optional<DocumentStatus>> status,
            AtomicReference<DocumentStatus> sent, Runnable stop) {
        try {
            Optional<DocumentStatus> now = status.get();
            if (now.isEmpty()) {
                stop.run();
                emitter.complete();
                return;
            }
            DocumentStatus current = now.get();
            if (!current.equals(sent.get())) {
                emitter.send(SseEmitter.event().name(EVENT_NAME).data(current, MediaType.APPLICATION_JSON));
                sent.set(current);
            }
            if (current.processing().status().settled()) {
                stop.run();
                emitter.complete();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away (or the emitter already completed): nothing more to send
            stop.run();
        } catch (RuntimeException e) {
            log.warn("Document status stream failed", e);
            stop.run();
            emitter.completeWithError(e);
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
