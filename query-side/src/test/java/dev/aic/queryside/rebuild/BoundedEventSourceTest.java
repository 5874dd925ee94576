package dev.aic.queryside.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.axonframework.common.stream.BlockingStream;
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

    /** An event store holding events at the given positions. */
    private record Positions(long... positions) implements StreamableMessageSource<TrackedEventMessage<?>> {

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
            Deque<TrackedEventMessage<?>> events = new ArrayDeque<>();
            LongStream.of(positions).forEach(position -> events.add(new GenericTrackedEventMessage<>(
                    new GlobalSequenceTrackingToken(position), GenericEventMessage.asEventMessage("event " + position))));
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
                public void close() {
                }
            };
        }
    }
}
