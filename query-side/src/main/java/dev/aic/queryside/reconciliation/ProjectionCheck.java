package dev.aic.queryside.reconciliation;

import dev.aic.eventstore.TokenTable;
import dev.aic.queryside.reconciliation.EventStoreCounts.StoredType;
import dev.aic.queryside.reconciliation.ProcessorFinding.BucketMismatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares, for every streaming processor, the ledger with the event store, in one snapshot of the
 * database, so tokens, ledger and events are seen as of one instant. Up to the position its slowest
 * segment has read, a processor has taken every stored event of its types except those in a gap of
 * a token (committed after the processor passed them, and still to be read); beyond, it may have
 * taken some. So each bucket's count must lie between the certain events and the certain plus the
 * uncertain ones: below is an event passed without a gap and never to be read (missing), above is
 * an event taken twice (surplus). With nothing uncertain, the ledger must hold exactly the store's
 * events, checksum included.
 */
@Component
class ProjectionCheck {

    private final EventProcessingConfiguration processing;
    private final TokenTable tokens;
    private final ProcessedEventCounts ledger;
    private final EventStoreCounts store;
    private final HandledEventTypes types;
    private final TransactionTemplate snapshot;

    ProjectionCheck(
            EventProcessingConfiguration processing,
            TokenTable tokens,
            ProcessedEventCounts ledger,
            EventStoreCounts store,
            HandledEventTypes types,
            PlatformTransactionManager transactions) {
        this.processing = processing;
        this.tokens = tokens;
        this.ledger = ledger;
        this.store = store;
        this.types = types;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /**
     * How far a processor has read: the lowest index of its segments, and the gaps of any segment.
     */
    record Reach(long index, SortedSet<Long> gaps) {}

    private record Subject(String name, EventHandlerInvoker invoker, Reach reach) {}

    List<ProcessorFinding> run() {
        return snapshot.execute(
                status -> {
                    List<Subject> subjects = subjects();
                    long slowest =
                            subjects.stream()
                                    .mapToLong(subject -> subject.reach().index())
                                    .min()
                                    .orElse(-1);
                    long sharedEnd =
                            ProcessedEventCounts.startOf(
                                    ProcessedEventCounts.bucketOf(Math.max(0, slowest)));
                    // the buckets every processor has read past are counted once for all of them
                    Map<Long, Map<StoredType, Tally>> shared = store.between(0, sharedEnd - 1);
                    List<ProcessorFinding> findings = new ArrayList<>();
                    for (Subject subject : subjects) {
                        findings.add(check(subject, shared, sharedEnd));
                    }
                    return findings;
                });
    }

    private List<Subject> subjects() {
        List<Subject> subjects = new ArrayList<>();
        processing
                .eventProcessors()
                .values()
                .forEach(
                        processor -> {
                            if (processor instanceof StreamingEventProcessor
                                    && processor instanceof AbstractEventProcessor axon) {
                                reach(tokens.segments(processor.getName()))
                                        .ifPresent(
                                                reach ->
                                                        subjects.add(
                                                                new Subject(
                                                                        processor.getName(),
                                                                        axon.eventHandlerInvoker(),
                                                                        reach)));
                            }
                        });
        return subjects;
    }

    /**
     * A replay or a merge wraps tokens; their lower bound is what is certainly processed. Empty
     * while the processor has no segments yet or keeps a token of another kind.
     */
    static Optional<Reach> reach(List<TokenTable.Segment> segments) {
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        long index = Long.MAX_VALUE;
        SortedSet<Long> gaps = new TreeSet<>();
        for (TokenTable.Segment segment : segments) {
            TrackingToken lower = WrappedToken.unwrapLowerBound(segment.token());
            if (lower == null) {
                index = -1;
            } else if (lower instanceof GapAwareTrackingToken gapAware) {
                index = Math.min(index, gapAware.getIndex());
                gaps.addAll(gapAware.getGaps());
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new Reach(index, gaps));
    }

    private ProcessorFinding check(
            Subject subject, Map<Long, Map<StoredType, Tally>> shared, long sharedEnd) {
        long index = subject.reach().index();
        List<BucketMismatch> mismatches = new ArrayList<>();
        if (index < 0) {
            return new ProcessorFinding(subject.name(), index, mismatches);
        }
        long last = ProcessedEventCounts.bucketOf(index);
        Map<Long, Tally> read = handled(subject, shared);
        handled(subject, store.between(sharedEnd, index))
                .forEach((bucket, tally) -> read.merge(bucket, tally, Tally::plus));
        Map<Long, Tally> pending =
                handled(subject, store.at(subject.reach().gaps().headSet(index + 1)));
        Map<Long, Tally> ahead =
                handled(
                        subject,
                        store.between(index + 1, ProcessedEventCounts.startOf(last + 1) - 1));
        Map<Long, Tally> taken = ledger.of(subject.name());
        TreeSet<Long> buckets = new TreeSet<>(read.keySet());
        taken.keySet().stream().filter(bucket -> bucket <= last).forEach(buckets::add);
        for (long bucket : buckets) {
            Tally inGaps = pending.getOrDefault(bucket, Tally.NONE);
            Tally certain = read.getOrDefault(bucket, Tally.NONE).minus(inGaps);
            long uncertain = inGaps.count() + ahead.getOrDefault(bucket, Tally.NONE).count();
            Tally took = taken.getOrDefault(bucket, Tally.NONE);
            boolean sameEvents = took.sameEventsAs(certain);
            boolean possible =
                    uncertain == 0
                            ? sameEvents
                            : took.count() >= certain.count()
                                    && took.count() <= certain.count() + uncertain;
            if (!possible) {
                mismatches.add(
                        new BucketMismatch(
                                bucket, certain.count(), uncertain, took.count(), sameEvents));
            }
        }
        return new ProcessorFinding(subject.name(), index, mismatches);
    }

    /** Per bucket, the stored events of the types the processor handles. */
    private Map<Long, Tally> handled(Subject subject, Map<Long, Map<StoredType, Tally>> tallies) {
        Map<Long, Tally> handled = new HashMap<>();
        tallies.forEach(
                (bucket, byType) ->
                        byType.forEach(
                                (type, tally) -> {
                                    if (types.handles(subject.invoker(), type)) {
                                        handled.merge(bucket, tally, Tally::plus);
                                    }
                                }));
        return handled;
    }
}
