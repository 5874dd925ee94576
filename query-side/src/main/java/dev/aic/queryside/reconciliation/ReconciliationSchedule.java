package dev.aic.queryside.reconciliation;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the reconciliation every {@code aic.reconciliation.check-interval} on every instance, from
 * when the processors have started until they stop.
 */
@Component
class ReconciliationSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

    private final Reconciliation reconciliation;
    private final ReconciliationProperties properties;
    private volatile ScheduledExecutorService runner;

    ReconciliationSchedule(Reconciliation reconciliation, ReconciliationProperties properties) {
        this.reconciliation = reconciliation;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.warn("The projections' reconciliation is off (aic.reconciliation.enabled=false)");
            return;
        }
        runner =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "projection-reconciliation");
                            thread.setDaemon(true);
                            return thread;
                        });
        long interval = properties.checkInterval().toMillis();
        runner.scheduleWithFixedDelay(this::runOnce, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            reconciliation.run();
        } catch (RuntimeException e) {
            log.warn(
                    "The projections' reconciliation failed; it runs again in {}",
                    properties.checkInterval(),
                    e);
        }
    }

    @Override
    public void stop() {
        if (runner != null) {
            runner.shutdownNow();
            runner = null;
        }
    }

    @Override
    public boolean isRunning() {
        return runner != null;
    }

    /**
     * Starts after Axon's configuration (which starts the processors, at {@code Integer.MAX_VALUE -
     * 3072}), stops before it.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
