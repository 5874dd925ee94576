package dev.aic.contracts.communityevent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.aic.contracts.EventUpcasters;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpCancelled;
import dev.aic.contracts.user.UserId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/**
 * Stored cancellations of older revisions, byte for byte as the store holds them, read as today's
 * event.
 */
class RsvpCancelledUpcasterTest {

    private static final Path REVISION_1 =
            Path.of(
                    "src/test/resources/approved/revision-1/CommunityEventEvent$RsvpCancelled.json");
    private static final Path REVISION_2 =
            Path.of(
                    "src/test/resources/approved/revision-2/CommunityEventEvent$RsvpCancelled.json");
    private static final CommunityEventId MEETUP =
            CommunityEventId.of("0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f");
    private static final UserId ADA =
            new UserId(UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e"));

    private final JacksonSerializer serializer =
            JacksonSerializer.builder()
                    .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
                    .build();

    @Test
    void aStoredCancellationOfASeatIsReadAsGivingUpTheSeat() throws IOException {
        assertThat(readFromStore(Files.readString(REVISION_1), "1"))
                .isEqualTo(new RsvpCancelled(MEETUP, ADA, RsvpState.CONFIRMED));
    }

    @Test
    void aStoredCancellationWithoutASeatIsReadAsLeavingTheWaitingList() throws IOException {
        String stored =
                Files.readString(REVISION_1).replace("\"hadSeat\" : true", "\"hadSeat\" : false");
        assertThat(readFromStore(stored, "1"))
                .isEqualTo(new RsvpCancelled(MEETUP, ADA, RsvpState.WAITLISTED));
    }

    @Test
    void aStoredRevision2CancellationOfASeatIsReadAsGivingUpAConfirmedRsvp() throws IOException {
        assertThat(readFromStore(Files.readString(REVISION_2), "2"))
                .isEqualTo(new RsvpCancelled(MEETUP, ADA, RsvpState.CONFIRMED));
    }

    @Test
    void aStoredRevision2CancellationOfAWaitingListPlaceIsReadAsLeavingTheWaitingList()
            throws IOException {
        String stored = Files.readString(REVISION_2).replace("\"SEAT\"", "\"WAITING_LIST\"");
        assertThat(readFromStore(stored, "2"))
                .isEqualTo(new RsvpCancelled(MEETUP, ADA, RsvpState.WAITLISTED));
    }

    @Test
    void theCurrentRevisionPassesUnchanged() {
        RsvpCancelled current = new RsvpCancelled(MEETUP, ADA, RsvpState.WAITLISTED);
        String stored = new String(serializer.serialize(current, byte[].class).getData());
        assertThat(readFromStore(stored, "3")).isEqualTo(current);
    }

    /**
     * What every reader of the event store does: the stored row, through the upcaster chain,
     * deserialized.
     */
    private Object readFromStore(String payload, String revision) {
        var row =
                new GenericDomainEventEntry<>(
                        "CommunityEvent",
                        MEETUP.toString(),
                        3,
                        UUID.randomUUID().toString(),
                        Instant.parse("2026-11-23T10:15:30Z"),
                        RsvpCancelled.class.getName(),
                        revision,
                        payload.getBytes(),
                        "{}".getBytes());
        List<IntermediateEventRepresentation> upcast =
                EventUpcasters.chain()
                        .upcast(Stream.of(new InitialEventRepresentation(row, serializer)))
                        .toList();
        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("3");
        SerializedObject<?> data = upcast.get(0).getData();
        return serializer.deserialize(data);
    }
}
