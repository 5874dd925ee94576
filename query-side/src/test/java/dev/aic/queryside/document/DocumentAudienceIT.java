package dev.aic.queryside.document;

import static dev.aic.queryside.document.DocumentHistory.MINILM;
import static dev.aic.queryside.document.DocumentHistory.chunks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpCancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpConfirmed;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.contracts.document.DocumentEvent.ChunksEmbedded;
import dev.aic.contracts.document.DocumentEvent.ProcessingCompleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingStarted;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.user.Role;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.document.DocumentHistory.Member;
import dev.aic.web.security.Caller;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audience rule as search applies it: over the chunks, which carry their document's audience.
 */
@QuerySideIntegrationTest
class DocumentAudienceIT {

    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;

    DocumentHistory history;

    @BeforeEach
    void connect() {
        history = new DocumentHistory(eventStore, jdbc, processing);
    }

    @Test
    void eachCallerFindsTheChunksOfExactlyTheDocumentsTheyMayRead() {
        Member owner = history.member("Ola Owner");
        Member organizer = history.member("Oren Organiser");
        Member attendee = history.member("Abe Attendee");
        Member member = history.member("Meg Member");
        CommunityEventId event = history.communityEvent(organizer);
        history.communityEvent(new RsvpConfirmed(event, attendee.id()));
        DocumentId forAttendees = indexed(owner, DocumentVisibility.EVENT_ATTENDEES, event);
        DocumentId forMembers = indexed(owner, DocumentVisibility.MEMBERS, null);
        DocumentId forEveryone = indexed(owner, DocumentVisibility.PUBLIC, null);
        List<DocumentId> all = List.of(forAttendees, forMembers, forEveryone);
        history.awaitProjected();

        assertThat(readable(caller(owner, Role.MEMBER), all))
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(readable(caller(organizer, Role.MEMBER), all))
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(readable(caller(attendee, Role.MEMBER), all))
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(readable(caller(member, Role.MEMBER), all))
                .containsExactlyInAnyOrder(forMembers, forEveryone);
        assertThat(readable(caller(member, Role.AUDITOR), all))
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(readable(caller(member, Role.ADMIN), all))
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(readable(null, all)).containsExactly(forEveryone);
        Caller unregistered =
                new Caller(
                        "issuer",
                        "subject",
                        null,
                        null,
                        Optional.empty(),
                        Set.of(Role.MEMBER),
                        false);
        assertThat(readable(unregistered, all)).containsExactlyInAnyOrder(forMembers, forEveryone);
        Caller deactivatedOwner =
                new Caller(
                        "issuer",
                        "subject",
                        null,
                        null,
                        Optional.of(owner.uuid()),
                        Set.of(Role.MEMBER),
                        true);
        assertThat(readable(deactivatedOwner, all))
                .containsExactlyInAnyOrder(forMembers, forEveryone);

        // giving up the seat gives up the event's documents
        history.communityEvent(new RsvpCancelled(event, attendee.id(), RsvpState.CONFIRMED));
        history.awaitProjected();
        assertThat(readable(caller(attendee, Role.MEMBER), all))
                .containsExactlyInAnyOrder(forMembers, forEveryone);
    }

    /** A document whose first version is searchable, with two chunks. */
    private DocumentId indexed(
            Member owner, DocumentVisibility visibility, CommunityEventId event) {
        DocumentId id = history.upload(owner, "Doc " + visibility, visibility, event);
        history.publish(new ProcessingStarted(id, 1, MINILM));
        history.publish(new ChunksEmbedded(id, 1, MINILM, chunks(1, 0, 2)));
        history.publish(new ProcessingCompleted(id, 1, MINILM, 2));
        return id;
    }

    private List<DocumentId> readable(Caller caller, List<DocumentId> among) {
        DocumentAudience.Condition audience = DocumentAudience.of(caller).condition("c");
        return jdbc
                .queryForList(
                        "SELECT DISTINCT c.document_id FROM document_chunk c"
                                + " WHERE c.searchable AND c.document_id = ANY (?) AND "
                                + audience.sql(),
                        UUID.class,
                        audience.arguments(
                                List.of(
                                        (Object)
                                                among.stream()
                                                        .map(DocumentId::value)
                                                        .toArray(UUID[]::new))))
                .stream()
                .map(DocumentId::new)
                .toList();
    }

    private static Caller caller(Member member, Role role) {
        return new Caller(
                "issuer",
                member.username(),
                null,
                null,
                Optional.of(member.uuid()),
                Set.of(role),
                false);
    }
}
