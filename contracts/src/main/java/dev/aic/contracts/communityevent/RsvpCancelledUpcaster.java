package dev.aic.contracts.communityevent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpCancelled;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads a stored {@link RsvpCancelled} of an older revision as today's: revision 1, {@code
 * {"hadSeat": true}} ({@code false} meant the member left the waiting list), and revision 2, {@code
 * {"gaveUp": "SEAT"}} or {@code "WAITING_LIST"}, both become revision 3, {@code {"gaveUp":
 * "CONFIRMED"}} or {@code "WAITLISTED"}. Stored events are never rewritten: every reader of the
 * store (aggregates, processors, audits) upcasts on the way out.
 */
public final class RsvpCancelledUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(RsvpCancelled.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(RsvpCancelled.class.getName(), "2");
    private static final SimpleSerializedType REVISION_3 =
            new SimpleSerializedType(RsvpCancelled.class.getName(), "3");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType())
                || REVISION_2.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(
            IntermediateEventRepresentation representation) {
        boolean revision1 = REVISION_1.equals(representation.getType());
        return representation.upcastPayload(
                REVISION_3,
                JsonNode.class,
                revision1
                        ? RsvpCancelledUpcaster::fromRevision1
                        : RsvpCancelledUpcaster::fromRevision2);
    }

    static JsonNode fromRevision1(JsonNode revision1) {
        ObjectNode payload = revision1.deepCopy();
        boolean hadSeat = payload.remove("hadSeat").asBoolean();
        payload.put("gaveUp", (hadSeat ? RsvpState.CONFIRMED : RsvpState.WAITLISTED).name());
        return payload;
    }

    static JsonNode fromRevision2(JsonNode revision2) {
        ObjectNode payload = revision2.deepCopy();
        boolean seat = "SEAT".equals(payload.path("gaveUp").asText());
        payload.put("gaveUp", (seat ? RsvpState.CONFIRMED : RsvpState.WAITLISTED).name());
        return payload;
    }
}
