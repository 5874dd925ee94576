package dev.aic.queryside.analytics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The bounded queue between a request and the {@code search-facts} index. A request only offers its
 * fact; the schedule drains the queue in bulk requests. A full queue or a refused write drops
 * facts, counted in {@code aic.search.facts.dropped}: analytics may lose a fact, a search may never
 * wait or fail for one.
 */
@Component
class SearchFactWriter {

    static final String DROPPED = "aic.search.facts.dropped";
    private static final Logger log = LoggerFactory.getLogger(SearchFactWriter.class);

    private final BlockingQueue<SearchFact> queue;
    private final SearchFactIndex index;
    private final int batchSize;
    private final Counter queueFull;
    private final Counter refused;

    SearchFactWriter(SearchFactIndex index, AnalyticsProperties properties, MeterRegistry meters) {
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.index = index;
        this.batchSize = properties.batchSize();
        this.queueFull = dropped(meters, "queue-full");
        this.refused = dropped(meters, "refused");
    }

    private static Counter dropped(MeterRegistry meters, String reason) {
        return Counter.builder(DROPPED)
                .tag("reason", reason)
                .description(
                        "Search facts lost: the queue was full, or OpenSearch refused or did not answer")
                .register(meters);
    }

    /** Queues the fact without waiting; drops it when the queue is full. */
    void offer(SearchFact fact) {
        if (!queue.offer(fact)) {
            queueFull.increment();
        }
    }

    /**
     * Writes everything queued, a batch at a time; on the schedule's thread, never a request's. One
     * drain at a time: whoever drains returns only once no earlier drain is still writing.
     */
    synchronized void drain() {
        List<SearchFact> batch = new ArrayList<>(batchSize);
        while (queue.drainTo(batch, batchSize) > 0) {
            try {
                int refusedFacts = index.write(batch);
                if (refusedFacts > 0) {
                    refused.increment(refusedFacts);
                    log.warn(
                            "OpenSearch refused {} of {} search facts; they are dropped",
                            refusedFacts,
                            batch.size());
                }
            } catch (RuntimeException e) {
                refused.increment(batch.size());
                log.warn(
                        "{} search facts are dropped: OpenSearch did not take them: {}",
                        batch.size(),
                        e.getMessage());
            }
            batch.clear();
        }
    }
}
