package dev.aic.queryside.rebuild;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.eventstore.TokenTable;
import dev.aic.queryside.projection.UnknownProjectionException;
import dev.aic.queryside.rebuild.RebuildLog.Entry;
import dev.aic.queryside.rebuild.RebuildLog.State;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Blue/green rebuilds of the query-side's projections. A rebuild fills a shadow model (tables in a
 * schema of their own, or a new index generation) with a second tracking processor over the same
 * handlers; once it has caught up, the swap pauses the live processor, lets the rebuild reach
 * exactly its position, compares both models, and in one PostgreSQL transaction moves the tables
 * (or, in one {@code _aliases} request, the alias) and hands the rebuild's token to the live
 * processor. Every instance polls {@code projection_rebuild}: a rebuild interrupted by a restart
 * resumes from its token on its own, and a rebuild cancelled or swapped on one instance stops
 * everywhere.
 */
@Service
class Rebuilds implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);

    private final Map<String, RebuildableProjection> projections;
    private final RebuildLog rebuildLog;
    private final RebuildTokens tokens;
    private final RebuildProcessors processors;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final OpenSearchClient openSearch;
    private final ObjectMapper json;
    private final RebuildProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final String fence = "rebuild-swap@" + ManagementFactory.getRuntimeMXBean().getName();
    private final Map<String, Local> local = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService ticker;
    private volatile boolean running;

    Rebuilds(
            List<RebuildableProjection> projections,
            RebuildLog rebuildLog,
            RebuildTokens tokens,
            RebuildProcessors processors,
            EventProcessingConfiguration processing,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            OpenSearchClient openSearch,
            ObjectMapper json,
            RebuildProperties properties) {
        this.projections =
                projections.stream()
                        .collect(
                                Collectors.toMap(RebuildableProjection::name, Function.identity()));
        this.rebuildLog = rebuildLog;
        this.tokens = tokens;
        this.processors = processors;
        this.processing = processing;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.openSearch = openSearch;
        this.json = json;
        this.properties = properties;
    }

    /** A rebuild processor this instance runs, and the samples its rate is computed from. */
    private static final class Local {
        final RebuildableProjection projection;
        final String target;
        final RebuildProcessors.Started started;
        boolean preparedForSwap;
        long sampledPosition = -1;
        long sampledAt;
        double rate = Double.NaN;

        Local(RebuildableProjection projection, String target, RebuildProcessors.Started started) {
            this.projection = projection;
            this.target = target;
            this.started = started;
        }

        TrackingEventProcessor processor() {
            return started.processor();
        }
    }

    RebuildableProjection projection(String name) {
        RebuildableProjection projection = projections.get(name);
        if (projection == null) {
            throw new UnknownProjectionException(name);
        }
        return projection;
    }

    /**
     * Starts rebuilding {@code name} from the first event; {@code force}: swap even if the
     * comparison differs.
     */
    synchronized RebuildStatus start(String name, boolean force) {
        RebuildableProjection projection = projection(name);
        Instant now = clock.instant();
        String target =
                projection.inPostgres()
                        ? ShadowSchema.nameOf(projection)
                        : shadowIndex(projection).nextGeneration(now.getEpochSecond());
        transactions.executeWithoutResult(
                tx -> {
                    if (!rebuildLog.begin(name, target, force, now)) {
                        throw new RebuildConflictException(
                                "A rebuild of '" + name + "' is running already; DELETE it first");
                    }
                    tokens.forget(projection.rebuildProcessor());
                    if (projection.inPostgres()) {
                        ShadowSchema shadow = new ShadowSchema(jdbc, projection);
                        shadow.drop();
                        shadow.create();
                    }
                });
        if (!projection.inPostgres()) {
            shadowIndex(projection).create(target);
        }
        startLocally(projection, target);
        log.info("Rebuild of projection {} started into {}", name, target);
        return status(name);
    }

    /** Stops the rebuild and drops what it built. */
    synchronized RebuildStatus cancel(String name) {
        RebuildableProjection projection = projection(name);
        stopLocally(name);
        Entry entry =
                transactions.execute(
                        tx -> {
                            Entry locked =
                                    rebuildLog
                                            .lock(name)
                                            .filter(
                                                    e ->
                                                            e.state() == State.RUNNING
                                                                    || e.state() == State.DIFFERS)
                                            .orElseThrow(
                                                    () ->
                                                            new RebuildConflictException(
                                                                    "No rebuild of '"
                                                                            + name
                                                                            + "' is running"));
                            if (projection.inPostgres()) {
                                new ShadowSchema(jdbc, projection).drop();
                            }
                            tokens.forget(projection.rebuildProcessor());
                            rebuildLog.finish(
                                    name,
                                    State.CANCELLED,
                                    clock.instant(),
                                    null,
                                    locked.comparison(),
                                    "cancelled");
                            return locked;
                        });
        if (!projection.inPostgres()) {
            shadowIndex(projection).delete(entry.target());
        }
        log.info("Rebuild of projection {} cancelled", name);
        return status(name);
    }

    /**
     * Swaps a rebuild whose comparison found differences anyway: the operator has looked and
     * decided.
     */
    synchronized RebuildStatus forceSwap(String name) {
        projection(name);
        Entry entry =
                rebuildLog
                        .find(name)
                        .filter(e -> e.state() == State.RUNNING || e.state() == State.DIFFERS)
                        .orElseThrow(
                                () ->
                                        new RebuildConflictException(
                                                "No rebuild of '" + name + "' to swap"));
        rebuildLog.force(name);
        if (!local.containsKey(name)) {
            startLocally(projection(name), entry.target());
        }
        return status(name);
    }

    RebuildStatus status(String name) {
        RebuildableProjection projection = projection(name);
        long head = tokens.head();
        Optional<Entry> found = rebuildLog.find(name);
        if (found.isEmpty()) {
            return new RebuildStatus(name, "IDLE", null, null, null, head, null, null, null, null);
        }
        Entry entry = found.get();
        Comparison comparison = comparisonOf(entry);
        if (entry.state() != State.RUNNING) {
            return new RebuildStatus(
                    name,
                    entry.state().name(),
                    entry.startedAt(),
                    entry.finishedAt(),
                    entry.position(),
                    entry.state() == State.SWAPPED && entry.position() != null
                            ? entry.position()
                            : head,
                    null,
                    null,
                    comparison,
                    entry.detail());
        }
        Long done = tokens.position(projection.rebuildProcessor());
        Local running = local.get(name);
        Double rate = running == null || Double.isNaN(running.rate) ? null : running.rate;
        Long eta =
                rate == null || rate <= 0 || done == null
                        ? null
                        : (long) Math.ceil((head - done) / rate);
        return new RebuildStatus(
                name,
                entry.state().name(),
                entry.startedAt(),
                null,
                done,
                head,
                rate,
                eta,
                comparison,
                entry.detail());
    }

    /** The rebuilt model next to the live one, at whatever positions both stand now. */
    Comparison compare(String name) {
        RebuildableProjection projection = projection(name);
        Entry entry =
                rebuildLog
                        .find(name)
                        .filter(e -> e.state() == State.RUNNING || e.state() == State.DIFFERS)
                        .orElseThrow(
                                () ->
                                        new RebuildConflictException(
                                                "No rebuild of '" + name + "' to compare"));
        return compare(projection, entry.target());
    }

    private Comparison compare(RebuildableProjection projection, String target) {
        List<TokenTable.Segment> live = tokens.of(projection.name());
        List<TokenTable.Segment> rebuilt = tokens.of(projection.rebuildProcessor());
        List<Comparison.Part> parts =
                projection.inPostgres()
                        ? transactions.execute(tx -> new ShadowSchema(jdbc, projection).compare())
                        : List.of(shadowIndex(projection).compare(target));
        return new Comparison(
                projection.name(),
                RebuildTokens.position(live),
                RebuildTokens.position(rebuilt),
                RebuildTokens.samePosition(live, rebuilt),
                parts);
    }

    private void startLocally(RebuildableProjection projection, String target) {
        local.computeIfAbsent(
                projection.name(),
                name -> new Local(projection, target, processors.start(projection, target)));
    }

    private void stopLocally(String name) {
        Local running = local.remove(name);
        if (running != null) {
            running.processor().shutDown();
        }
    }

    /** What every instance does each poll: resume, follow and swap the running rebuilds. */
    void tick() {
        try {
            Map<String, Entry> inProgress =
                    rebuildLog.running().stream()
                            .filter(entry -> projections.containsKey(entry.projection()))
                            .collect(Collectors.toMap(Entry::projection, Function.identity()));
            for (String name : List.copyOf(local.keySet())) {
                if (!inProgress.containsKey(name)) {
                    synchronized (this) {
                        stopLocally(name);
                    }
                }
            }
            for (String name : inProgress.keySet()) {
                synchronized (this) {
                    // again under the lock: a cancel or swap may have ended it since
                    rebuildLog
                            .find(name)
                            .filter(entry -> entry.state() == State.RUNNING)
                            .ifPresent(this::follow);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Looking at the projection rebuilds failed; trying again", e);
        }
    }

    private void follow(Entry entry) {
        Local running = local.get(entry.projection());
        if (running == null) {
            log.info("Resuming the rebuild of projection {} from its token", entry.projection());
            startLocally(projections.get(entry.projection()), entry.target());
            return;
        }
        sample(running);
        Map<Integer, EventTrackerStatus> status = running.processor().processingStatus();
        boolean caughtUp =
                !status.isEmpty()
                        && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp)
                        && status.values().stream().noneMatch(EventTrackerStatus::isErrorState);
        if (caughtUp) {
            swap(running, entry.force());
        }
    }

    private void sample(Local running) {
        Long position = tokens.position(running.projection.rebuildProcessor());
        long now = System.nanoTime();
        if (position != null && running.sampledPosition >= 0 && now > running.sampledAt) {
            double recent =
                    (position - running.sampledPosition) / ((now - running.sampledAt) / 1e9);
            running.rate = Double.isNaN(running.rate) ? recent : 0.7 * running.rate + 0.3 * recent;
        }
        if (position != null) {
            running.sampledPosition = position;
            running.sampledAt = now;
        }
    }

    /**
     * Swaps the caught-up rebuild in. The live processor is paused here and fenced everywhere, the
     * rebuild goes on to exactly its position, the models are compared there, and one transaction
     * swaps tables and tokens. Anything short of that (the positions do not meet, a lock is not
     * granted in time) lifts the fence and leaves both running, to try again at the next poll.
     */
    private void swap(Local running, boolean force) {
        RebuildableProjection projection = running.projection;
        if (!running.preparedForSwap) {
            // what the fill went without: the shadow tables' indexes, the generation's refreshes
            // and replicas
            if (projection.inPostgres()) {
                transactions.executeWithoutResult(
                        tx -> new ShadowSchema(jdbc, projection).createIndexes());
            } else {
                shadowIndex(projection).readyToServe(running.target);
            }
            running.preparedForSwap = true;
            return;
        }
        Optional<TrackingEventProcessor> live =
                processing.eventProcessor(projection.name(), TrackingEventProcessor.class);
        live.ifPresent(TrackingEventProcessor::shutDown);
        boolean swapped = false;
        try {
            transactions.executeWithoutResult(tx -> tokens.fence(projection.name(), fence));
            Long livePosition = tokens.position(projection.name());
            if (livePosition == null) {
                return;
            }
            running.started.source().stopAfter(livePosition);
            if (!reach(projection, livePosition)) {
                return;
            }
            running.processor().shutDown();
            Comparison comparison = compare(projection, running.target);
            if (!comparison.samePosition()) {
                return;
            }
            String comparisonJson = write(comparison);
            if (!comparison.equal() && !force) {
                rebuildLog.finish(
                        projection.name(),
                        State.DIFFERS,
                        clock.instant(),
                        comparison.rebuiltPosition(),
                        comparisonJson,
                        "the rebuilt model differs from the live one in "
                                + comparison.differences()
                                + "; compare them, then DELETE the rebuild or POST .../rebuild/swap to force it");
                local.remove(projection.name());
                return;
            }
            String liveIndex = projection.inPostgres() ? null : shadowIndex(projection).live();
            swapped =
                    Boolean.TRUE.equals(
                            transactions.execute(
                                    tx -> {
                                        boolean stillRunning =
                                                rebuildLog
                                                        .lock(projection.name())
                                                        .map(e -> e.state() == State.RUNNING)
                                                        .orElse(false);
                                        if (!stillRunning) {
                                            tx.setRollbackOnly();
                                            return false;
                                        }
                                        // a long comparison may outlast the fence's claim timeout;
                                        // should another node have claimed the live
                                        // processor meanwhile, the rows it gets stay fenced until
                                        // it has given up its batch
                                        boolean fenced =
                                                tokens.stillFenced(projection.name(), fence);
                                        if (projection.inPostgres()) {
                                            new ShadowSchema(jdbc, projection).swapIn();
                                        }
                                        tokens.handOver(
                                                projection.rebuildProcessor(),
                                                projection.name(),
                                                fenced ? null : fence);
                                        rebuildLog.finish(
                                                projection.name(),
                                                State.SWAPPED,
                                                clock.instant(),
                                                comparison.rebuiltPosition(),
                                                comparisonJson,
                                                comparison.equal()
                                                        ? null
                                                        : "swapped by force despite "
                                                                + comparison.differences());
                                        if (!projection.inPostgres()) {
                                            // last: should it fail, the transaction rolls back and
                                            // nothing has changed
                                            shadowIndex(projection)
                                                    .swapTo(liveIndex, running.target);
                                        }
                                        return true;
                                    }));
            if (swapped) {
                local.remove(projection.name());
                if (liveIndex != null) {
                    shadowIndex(projection).delete(liveIndex);
                }
                log.info(
                        "Projection {} swapped in at event {} ({})",
                        projection.name(),
                        comparison.rebuiltPosition(),
                        comparison.equal() ? "same content as the live model" : "forced");
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Swapping in the rebuild of projection {} failed; trying again",
                    projection.name(),
                    e);
        } finally {
            if (!swapped) {
                transactions.executeWithoutResult(tx -> tokens.liftFence(projection.name(), fence));
                running.started.source().unbound();
                if (local.containsKey(projection.name()) && !running.processor().isRunning()) {
                    running.processor().start();
                }
            }
            live.ifPresent(TrackingEventProcessor::start);
        }
    }

    /**
     * Waits until the rebuild has processed exactly the events up to {@code position}; false if it
     * cannot.
     */
    private boolean reach(RebuildableProjection projection, long position) {
        long deadline = System.nanoTime() + properties.swapTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            Long reached = tokens.position(projection.rebuildProcessor());
            if (reached != null && reached > position) {
                return false;
            }
            if (reached != null && reached == position) {
                return true;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private ShadowIndex shadowIndex(RebuildableProjection projection) {
        return new ShadowIndex(openSearch, json, projection.aliases().get(0));
    }

    private String write(Comparison comparison) {
        try {
            return json.writeValueAsString(comparison);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Comparison comparisonOf(Entry entry) {
        if (entry.comparison() == null) {
            return null;
        }
        try {
            return json.readValue(entry.comparison(), Comparison.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polling starts once the application, and with it Axon's processors, is ready. */
    @EventListener(ApplicationReadyEvent.class)
    void poll() {
        ScheduledExecutorService executor =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "projection-rebuilds");
                            thread.setDaemon(true);
                            return thread;
                        });
        ticker = executor;
        long interval = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Stops the rebuild processors; their tokens stay, so the rebuilds resume at the next start.
     */
    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService executor = ticker;
        if (executor != null) {
            executor.shutdownNow();
        }
        interrupt();
    }

    /**
     * Stops, as on shutdown, this instance's rebuild processors; the next poll resumes them from
     * their tokens.
     */
    void interrupt() {
        synchronized (this) {
            for (String name : new ArrayList<>(local.keySet())) {
                stopLocally(name);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
