package dev.aic.commandside.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aic.contracts.RenamedEventUpcaster;
import dev.aic.personaldata.PersonalDataSerializer;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * A stored event as an auditor reads it: what happened (payload), to what, when, and who caused it
 * (metadata).
 */
record AuditedEvent(
        long globalIndex,
        String eventId,
        String aggregateId,
        @Schema(description = "The aggregate's type, e.g. User, CommunityEvent, Document")
                String aggregateType,
        long sequenceNumber,
        @Schema(description = "The event's type as stored (its class name)") String payloadType,
        @Schema(description = "The revision the payload was stored with; upcasters read older ones")
                String revision,
        @Schema(description = "When the event was stored (ISO-8601, UTC)") String timestamp,
        @Schema(
                        description =
                                "The payload as stored (JSON), its personal data decrypted for the auditor, or shown"
                                        + " erased once its person was erased (docs/personal-data.md); the audit chain covers the stored bytes")
                JsonNode payload,
        @Schema(
                        description =
                                "Attribution: actorId, actorSubject, actorRoles, client, requestId, traceId, command, "
                                        + "causationId, correlationId, trigger")
                JsonNode metadata) {

    static AuditedEvent of(StoredEvent event, PersonalDataSerializer events, ObjectMapper json) {
        return new AuditedEvent(
                event.globalIndex(),
                event.eventIdentifier(),
                event.aggregateIdentifier(),
                event.type(),
                event.sequenceNumber(),
                event.payloadType(),
                event.payloadRevision(),
                event.timestamp(),
                payload(event, events, json),
                tree(event.metadata(), json));
    }

    private static JsonNode payload(
            StoredEvent event, PersonalDataSerializer events, ObjectMapper json) {
        try {
            // the type shown is the stored one; its personal fields are those of the class it has
            // today
            return events.readableTree(
                    new SimpleSerializedObject<>(
                            event.payload(),
                            byte[].class,
                            RenamedEventUpcaster.currentName(event.payloadType()),
                            event.payloadRevision()));
        } catch (RuntimeException unreadable) {
            // an event no reader can decrypt (its ciphertext altered, say) is shown as stored: the
            // audit shows, never hides
            return tree(event.payload(), json);
        }
    }

    /**
     * JSON as stored; bytes that are not JSON (nothing we write) are shown as text rather than
     * hidden.
     */
    private static JsonNode tree(byte[] bytes, ObjectMapper json) {
        if (bytes == null) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
