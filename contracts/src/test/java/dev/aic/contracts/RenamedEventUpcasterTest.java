package dev.aic.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.aic.contracts.document.DocumentEvent;
import dev.aic.contracts.document.DocumentId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Events stored under a former class name, with the bytes the store holds (the approved files: a
 * rename changed the name, never the payload), read as today's class with the same content.
 */
class RenamedEventUpcasterTest {

    private static final Path APPROVED = Path.of("src/test/resources/approved");

    private final ObjectMapper json =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(json).build();

    @ParameterizedTest(name = "{0} is read as {1}")
    @CsvSource({
        "dev.aic.contracts.document.DocumentEvent$DocumentUploaded, dev.aic.contracts.document.DocumentEvent$Uploaded",
        "dev.aic.contracts.document.DocumentEvent$DocumentVersionAdded, dev.aic.contracts.document.DocumentEvent$VersionAdded",
        "dev.aic.contracts.document.DocumentEvent$DocumentDeleted, dev.aic.contracts.document.DocumentEvent$Deleted",
        "dev.aic.contracts.user.UserRegistered, dev.aic.contracts.user.UserEvent$Registered",
        "dev.aic.contracts.user.UserIdentityLinked, dev.aic.contracts.user.UserEvent$IdentityLinked",
        "dev.aic.contracts.user.UserProfileUpdated, dev.aic.contracts.user.UserEvent$ProfileUpdated",
        "dev.aic.contracts.user.UserRolesChanged, dev.aic.contracts.user.UserEvent$RolesChanged",
        "dev.aic.contracts.user.UserDeactivated, dev.aic.contracts.user.UserEvent$Deactivated",
        "dev.aic.contracts.user.UserReactivated, dev.aic.contracts.user.UserEvent$Reactivated",
        "dev.aic.contracts.user.EmailPreferencesChanged, dev.aic.contracts.user.UserEvent$EmailPreferencesChanged",
        "dev.aic.contracts.user.MemberErased, dev.aic.contracts.user.UserEvent$Erased"
    })
    void anEventStoredUnderItsFormerNameIsReadAsTodaysClass(String formerName, Class<?> current)
            throws IOException {
        String stored =
                Files.readString(
                        APPROVED.resolve(
                                current.getName().substring(current.getPackageName().length() + 1)
                                        + ".json"));

        Object read = readFromStore(formerName, stored);

        assertThat(read).isInstanceOf(current);
        assertThat(read).isEqualTo(json.readValue(stored, current));
        assertThat(RenamedEventUpcaster.currentName(formerName)).isEqualTo(current.getName());
        assertThat(RenamedEventUpcaster.formerNames(current.getName())).containsExactly(formerName);
        assertThat(RenamedEventUpcaster.formerNames(current.getSimpleName()))
                .containsExactly(formerName);
    }

    @Test
    void anEventStoredUnderTodaysNameIsReadAsItIs() {
        var deleted =
                new DocumentEvent.Deleted(
                        DocumentId.of("3b2a1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d"),
                        List.of("documents/d1/one"));
        String stored = new String(serializer.serialize(deleted, byte[].class).getData());

        assertThat(readFromStore(DocumentEvent.Deleted.class.getName(), stored)).isEqualTo(deleted);
        assertThat(RenamedEventUpcaster.currentName(DocumentEvent.Deleted.class.getName()))
                .isEqualTo(DocumentEvent.Deleted.class.getName());
        assertThat(RenamedEventUpcaster.formerNames("ProcessingStarted")).isEmpty();
    }

    /**
     * What every reader of the event store does: the stored row, through the upcaster chain,
     * deserialized.
     */
    private Object readFromStore(String payloadType, String payload) {
        var row =
                new GenericDomainEventEntry<>(
                        "Document",
                        UUID.randomUUID().toString(),
                        0,
                        UUID.randomUUID().toString(),
                        Instant.parse("2026-11-23T10:15:30Z"),
                        payloadType,
                        "1",
                        payload.getBytes(),
                        "{}".getBytes());
        List<IntermediateEventRepresentation> upcast =
                EventUpcasters.chain()
                        .upcast(Stream.of(new InitialEventRepresentation(row, serializer)))
                        .toList();
        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("1");
        return serializer.deserialize(upcast.get(0).getData());
    }
}
