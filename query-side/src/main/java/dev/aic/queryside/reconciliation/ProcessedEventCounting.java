package dev.aic.queryside.reconciliation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Registered on every streaming processor: collects the identifiers of the events a batch takes and
 * adds them to the ledger once, when the batch's transaction prepares to commit, in that
 * transaction, beside the token.
 *
 * <p>During a replay, an event the processor had taken before the reset was counted then, so it is
 * not counted again. Which ones those are is decided by each event's own global index against the
 * token at the reset, not by Axon's {@link ReplayToken#isReplay}: Axon 4.13.0 calls an event a
 * replay that was still uncommitted at the reset and committed after the replay passed the reset's
 * index (ReplayOverGapsTest). Only a processor's own batches count: a dead letter processed later
 * runs in a unit of work of its own, after the batch already counted it.
 *
 * <p>Nor is an event counted that the segment's stream had already delivered before this batch:
 * Axon's embedded event store can hand a catching-up tracking processor an event twice when it
 * moves between its private stream and the shared one over a gap (AxonFramework issues 1037 and
 * 1193), and the tracking processor does not filter it. The handlers take it again harmlessly, as
 * they take any event twice; the ledger must not, or reconciliation would see a surplus and rewind
 * the processor for ever.
 */
final class ProcessedEventCounting implements MessageHandlerInterceptor<EventMessage<?>> {

    private final String processor;
    private final ProcessedEventCounts counts;
    private final SegmentPositions positions;
    private final String resourceKey;
    private final String segmentKey;

    ProcessedEventCounting(
            String processor, ProcessedEventCounts counts, SegmentPositions positions) {
        this.processor = processor;
        this.counts = counts;
        this.positions = positions;
        this.resourceKey = ProcessedEventCounting.class.getName() + "/" + processor;
        // the key under which Axon's tracking processor puts the batch's segment in the unit of
        // work
        this.segmentKey = "Processor[" + processor + "]/SegmentId";
    }

    /**
     * Where a segment's current stream had got to before the batch now running: what it delivered
     * already.
     */
    @FunctionalInterface
    interface SegmentPositions {

        Optional<TrackingToken> reached(int segment);
    }

    @Override
    public Object handle(
            UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        if (unitOfWork instanceof BatchingUnitOfWork) {
            taken(unitOfWork)
                    .computeIfAbsent(TakenBefore.of(event), key -> new ArrayList<>())
                    .add(event.getIdentifier());
        }
        return interceptorChain.proceed();
    }

    private Map<TakenBefore, List<String>> taken(UnitOfWork<?> unitOfWork) {
        return unitOfWork
                .root()
                .getOrComputeResource(
                        resourceKey,
                        key -> {
                            Map<TakenBefore, List<String>> identifiers = new LinkedHashMap<>();
                            Integer segment = unitOfWork.root().getResource(segmentKey);
                            TakenBefore delivered =
                                    segment == null
                                            ? TakenBefore.NOTHING
                                            : positions
                                                    .reached(segment)
                                                    .map(WrappedToken::unwrapLowerBound)
                                                    .map(TakenBefore::of)
                                                    .orElse(TakenBefore.NOTHING);
                            unitOfWork
                                    .root()
                                    .onPrepareCommit(
                                            batch ->
                                                    identifiers.forEach(
                                                            (before, taken) ->
                                                                    counts.add(
                                                                            processor, taken,
                                                                            before, delivered)));
                            return identifiers;
                        });
    }

    /**
     * The events a token says were taken: every index up to {@code index} but the {@code gaps}. Of
     * an event, those its processor had taken when it was reset; outside a replay, none.
     */
    record TakenBefore(long index, Set<Long> gaps) {

        static final TakenBefore NOTHING = new TakenBefore(-1, Set.of());

        static TakenBefore of(EventMessage<?> event) {
            if (!(event instanceof TrackedEventMessage<?> tracked)) {
                return NOTHING;
            }
            return WrappedToken.unwrap(tracked.trackingToken(), ReplayToken.class)
                    .map(replay -> WrappedToken.unwrapLowerBound(replay.getTokenAtReset()))
                    .map(TakenBefore::of)
                    .orElse(NOTHING);
        }

        static TakenBefore of(TrackingToken token) {
            if (token == null) {
                return NOTHING;
            }
            if (token instanceof GapAwareTrackingToken gapAware) {
                return new TakenBefore(gapAware.getIndex(), Set.copyOf(gapAware.getGaps()));
            }
            return new TakenBefore(token.position().orElse(-1), Set.of());
        }
    }
}
