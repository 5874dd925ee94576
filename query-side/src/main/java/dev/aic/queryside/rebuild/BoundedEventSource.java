package dev.aic.queryside.rebuild;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as the rebuild processor reads it: all of it, or, while a swap compares the
 * rebuilt model with the paused live one, only up to the live one's position, so both stand at the
 * same event.
 *
 * <p>The bound is on the stream's token, deliberately not on the event's own index: the token never
 * goes back (an event that commits late carries the furthest index read, not its own), so it cuts
 * the stream at one point, as the live processor's token did. Whether both then took exactly the
 * same events, gaps included, is what the swap's comparison checks ({@code
 * RebuildTokens.samePosition}).
 */
final class BoundedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final AtomicLong bound = new AtomicLong(Long.MAX_VALUE);

    BoundedEventSource(StreamableMessageSource<TrackedEventMessage<?>> delegate) {
        this.delegate = delegate;
    }

    void stopAfter(long position) {
        bound.set(position);
    }

    void unbound() {
        bound.set(Long.MAX_VALUE);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new Bounded(delegate.openStream(token));
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    private final class Bounded implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> events;

        Bounded(BlockingStream<TrackedEventMessage<?>> events) {
            this.events = events;
        }

        private boolean withinBound(TrackedEventMessage<?> event) {
            return event.trackingToken().position().orElse(Long.MIN_VALUE) <= bound.get();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return events.peek().filter(this::withinBound);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            if (!events.hasNextAvailable(timeout, unit)) {
                return false;
            }
            if (peek().isPresent()) {
                return true;
            }
            // the next event lies beyond the bound: wait out the timeout as if nothing had come
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return peek().isPresent();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return events.nextAvailable();
        }

        @Override
        public void close() {
            events.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            events.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return events.setOnAvailableCallback(callback);
        }
    }
}
