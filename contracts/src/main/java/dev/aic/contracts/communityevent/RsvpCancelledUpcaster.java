package dev.aic.contracts.communityevent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpCancelled;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads a stored {@link RsvpCancelled} of revision 1, {@code {"hadSeat": true}}, as revision 2,
 * {@code {"gaveUp": "SEAT"}} ({@code false} meant the member left the waiting list). Stored events are never
 * rewritten: every reader of the store (aggregates, processors, audits) upcasts on the way out.
 */
public final class RsvpCancelledUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(RsvpCancelled.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(RsvpCancelled.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, RsvpCancelledUpcaster::toRevision2);
    }

    static JsonNode toRevision2(JsonNode revision1) {
        ObjectNode payload = revision1.deepCopy();
        boolean hadSeat = payload.remove("hadSeat").asBoolean();
        payload.put("gaveUp", (hadSeat ? RsvpPlace.SEAT : RsvpPlace.WAITING_LIST).name());
        return payload;
    }
}
