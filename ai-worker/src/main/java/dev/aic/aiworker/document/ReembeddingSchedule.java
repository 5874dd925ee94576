package dev.aic.aiworker.document;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link ReembeddingJob} after start-up and then again after every interval, on a thread
 * of its own so that new versions keep flowing through the listener meanwhile. Off with {@code
 * aic.documents.processing.reembedding.enabled=false}.
 */
@Component
@ConditionalOnProperty(
        name = "aic.documents.processing.reembedding.enabled",
        havingValue = "true",
        matchIfMissing = true)
class ReembeddingSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReembeddingSchedule.class);

    private final ReembeddingJob job;
    private final DocumentProcessingProperties.Reembedding settings;
    private ScheduledExecutorService executor;

    ReembeddingSchedule(ReembeddingJob job, DocumentProcessingProperties properties) {
        this.job = job;
        this.settings = properties.reembedding();
    }

    @Override
    public synchronized void start() {
        executor =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "reembedding");
                            thread.setDaemon(true);
                            return thread;
                        });
        executor.scheduleWithFixedDelay(
                this::runOnce,
                settings.initialDelay().toMillis(),
                settings.interval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            job.run();
        } catch (RuntimeException e) {
            // a failed run must not cancel the schedule
            log.atError().setCause(e).log("Re-embedding run failed");
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
