package dev.aic.contracts;

import dev.aic.contracts.communityevent.RsvpCancelledUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * Every upcaster of the published events, in the order they apply. Each service that reads the
 * event store registers this one chain (a Spring bean of type {@code EventUpcaster});
 * docs/event-evolution.md says when to add one.
 */
public final class EventUpcasters {

    private EventUpcasters() {}

    /** Renames first: a revision upcaster recognises an event by today's class name. */
    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(new RenamedEventUpcaster(), new RsvpCancelledUpcaster());
    }
}
