package dev.aic.queryside.reconciliation;

import dev.aic.contracts.RenamedEventUpcaster;
import dev.aic.queryside.reconciliation.EventStoreCounts.StoredType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Which stored event types a processor takes, asked of the processor itself (its handlers' payload
 * types).
 */
@Component
class HandledEventTypes {

    private static final Logger log = LoggerFactory.getLogger(HandledEventTypes.class);

    private final Serializer eventSerializer;
    private final Map<StoredType, Class<?>> classes = new ConcurrentHashMap<>();

    HandledEventTypes(@Qualifier("eventSerializer") Serializer eventSerializer) {
        this.eventSerializer = eventSerializer;
    }

    boolean handles(EventHandlerInvoker processor, StoredType type) {
        Class<?> payload = classes.computeIfAbsent(type, this::classOf);
        return payload != UnknownSerializedType.class && processor.canHandleType(payload);
    }

    private Class<?> classOf(StoredType type) {
        // an event stored under its class's former name is handled as today's class (the upcaster
        // renames it)
        Class<?> payload =
                eventSerializer.classForType(
                        new SimpleSerializedType(
                                RenamedEventUpcaster.currentName(type.type()), type.revision()));
        if (payload == UnknownSerializedType.class) {
            log.warn(
                    "Stored event type {} (revision {}) is unknown here: no processor is checked for it",
                    type.type(),
                    type.revision());
        }
        return payload;
    }
}
