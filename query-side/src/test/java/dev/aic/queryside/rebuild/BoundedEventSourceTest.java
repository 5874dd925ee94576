package dev.aic.queryside.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

class BoundedEventSourceTest {

    @Test
    void aBoundedStreamStopsAfterThePositionAndGoesOnOnceUnbounded() throws Exception {
        BoundedEventSource source = new BoundedEventSource(new Positions(1, 2, 3, 4, 5));
        source.stopAfter(3);
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        for (long expected = 1; expected <= 3; expected++) {
            assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(stream.nextAvailable().trackingToken().position()).hasValue(expected);
        }
        assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(stream.peek()).isEmpty();

        source.unbound();
        assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(stream.nextAvailable().trackingToken().position()).hasValue(4);
    }

    /**
     * Index 3 commits after 4 and 5: its token stands at 5, the furthest index read, not at 3. The
     * bound is on the stream's token, which never goes back, so the bound cuts the stream where the
     * live processor stood: the late event below the bound comes, the first event above it waits.
     */
    @Test
    void anEventCommittedLateBelowTheBoundIsDeliveredAndTheFirstAboveItWaits() throws Exception {
        BoundedEventSource source = new BoundedEventSource(new Positions(true, 1, 2, 4, 5, 3, 6));
        source.stopAfter(5);
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        List<Object> delivered = new ArrayList<>();
        while (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
            delivered.add(stream.nextAvailable().getPayload());
        }
        assertThat(delivered)
                .containsExactly("event 1", "event 2", "event 4", "event 5", "event 3");
        source.unbound();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("event 6");
    }

    /** An event store holding events at the given positions. */
    private record Positions(boolean gapAware, long... positions)
            implements StreamableMessageSource<TrackedEventMessage<?>> {

        Positions(long... positions) {
            this(false, positions);
        }

        /**
         * Each event's token: a sequence token at its index, or, as the JDBC store gives them,
         * gap-aware.
         */
        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
            Deque<TrackedEventMessage<?>> events = new ArrayDeque<>();
            GapAwareTrackingToken[] read = new GapAwareTrackingToken[1];
            LongStream.of(positions)
                    .forEach(
                            position -> {
                                read[0] =
                                        read[0] == null
                                                ? GapAwareTrackingToken.newInstance(
                                                        position, Set.of())
                                                : read[0].advanceTo(position, Integer.MAX_VALUE);
                                events.add(
                                        new GenericTrackedEventMessage<>(
                                                gapAware
                                                        ? read[0]
                                                        : new GlobalSequenceTrackingToken(position),
                                                GenericEventMessage.asEventMessage(
                                                        "event " + position)));
                            });
            return new BlockingStream<>() {
                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return Optional.ofNullable(events.peek());
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                    return !events.isEmpty();
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    return events.poll();
                }

                @Override
                public void close() {}
            };
        }
    }
}
