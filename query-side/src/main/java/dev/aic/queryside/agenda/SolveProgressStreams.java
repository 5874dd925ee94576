package dev.aic.queryside.agenda;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of a solve, as document processing has them: the solve at once, then every change (each
 * progress report of the ai-worker, then the proposal), read from the read model every {@code poll-interval} on a
 * small shared scheduler. A stream ends when the solve settles (proposed, accepted, discarded), or after
 * {@code timeout}.
 */
@Component
@EnableConfigurationProperties(SolveProgressStreams.Settings.class)
class SolveProgressStreams implements DisposableBean {

    static final String EVENT_NAME = "solve";
    private static final Logger log = LoggerFactory.getLogger(SolveProgressStreams.class);

    private final Settings settings;
    private final ScheduledExecutorService scheduler;

    SolveProgressStreams(Settings settings) {
        this.settings = settings;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "agenda-solve-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@code aic.agendas.solve-stream}: how often a stream reads the solve and how long it stays open at most. */
    @ConfigurationProperties("aic.agendas.solve-stream")
    record Settings(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("10m") Duration timeout) {
    }

    /** A stream of what {@code solve} reads; empty ends the stream. */
    SseEmitter open(Supplier<Optional<SolveView>> solve) {
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
        AtomicReference<SolveView> sent = new AtomicReference<>();
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
        polling.set(scheduler.scheduleWithFixedDelay(() -> poll(emitter, solve, sent, stop), 0,
                settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS));
        return emitter;
    }

    private static void poll(SseEmitter emitter, Supplier<Optional<SolveView>> solve, AtomicReference<SolveView> sent,
            Runnable stop) {
        try {
            Optional<SolveView> now = solve.get();
            if (now.isEmpty()) {
                stop.run();
                emitter.complete();
                return;
            }
            SolveView current = now.get();
            if (!current.equals(sent.get())) {
                emitter.send(SseEmitter.event().name(EVENT_NAME).data(current, MediaType.APPLICATION_JSON));
                sent.set(current);
            }
            if (current.settled()) {
                stop.run();
                emitter.complete();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away (or the emitter already completed): nothing more to send
            stop.run();
        } catch (RuntimeException e) {
            log.warn("Solve progress stream failed", e);
            stop.run();
            emitter.completeWithError(e);
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
