package dev.aic.commandside.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.commandside.web.Commands;
import dev.aic.contracts.document.DocumentEvent.Deleted;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.user.UserId;
import dev.aic.testsupport.RealInfrastructure;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * A document whose events an earlier release stored under their former names ({@code
 * DocumentEvent$DocumentUploaded}, {@code $DocumentVersionAdded}, {@code $DocumentDeleted}) is
 * loaded as one stored today: the rows are written straight into the event store, as that release
 * wrote them, and the aggregate decides from them.
 */
@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
class DocumentStoredUnderFormerNamesIT {

    private static final String FORMER = "dev.aic.contracts.document.DocumentEvent$";

    @Autowired Commands commands;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;

    private final DocumentId document = new DocumentId(UUID.randomUUID());
    private final UserId owner = new UserId(UUID.randomUUID());
    private final String first = "documents/" + document + "/one";
    private final String second = "documents/" + document + "/two";

    @Test
    void aDocumentUploadedAndRevisedUnderTheFormerNamesIsDeletedWithEveryVersion() {
        storedByAnEarlierRelease(
                0,
                "DocumentUploaded",
                """
                {"documentId":"%s","version":1,"owner":"%s","title":"Old notes","tags":["notes"],\
                "visibility":"MEMBERS","communityEventId":null,"contentType":"text/plain","sizeBytes":42,\
                "sha256":"%s","storageKey":"%s","originalFilename":"notes.txt"}"""
                        .formatted(document, owner, "a".repeat(64), first));
        storedByAnEarlierRelease(
                1,
                "DocumentVersionAdded",
                """
                {"documentId":"%s","version":2,"contentType":"text/plain","sizeBytes":43,"sha256":"%s",\
                "storageKey":"%s","originalFilename":"notes-2.txt"}"""
                        .formatted(document, "b".repeat(64), second));

        List<String> released =
                commands.<List<String>>ask(
                                new DocumentCommands.Delete(
                                        document, null, new DocumentCommands.Actor(owner, false)),
                                document)
                        .result();

        assertThat(released).containsExactly(first, second);
        DomainEventMessage<?> last =
                eventStore
                        .readEvents(document.toString())
                        .asStream()
                        .reduce((earlier, later) -> later)
                        .orElseThrow();
        assertThat(last.getSequenceNumber()).isEqualTo(2);
        assertThat(last.getPayload()).isEqualTo(new Deleted(document, List.of(first, second)));
    }

    @Test
    void aDocumentDeletedUnderTheFormerNameStaysDeleted() {
        storedByAnEarlierRelease(
                0,
                "DocumentUploaded",
                """
                {"documentId":"%s","version":1,"owner":"%s","title":"Old notes","tags":[],"visibility":"MEMBERS",\
                "communityEventId":null,"contentType":"text/plain","sizeBytes":42,"sha256":"%s","storageKey":"%s",\
                "originalFilename":null}"""
                        .formatted(document, owner, "c".repeat(64), first));
        storedByAnEarlierRelease(
                1,
                "DocumentDeleted",
                """
                {"documentId":"%s","storageKeys":["%s"]}"""
                        .formatted(document, first));

        assertThatThrownBy(
                        () ->
                                commands.send(
                                        new DocumentCommands.Reprocess(
                                                document,
                                                null,
                                                new DocumentCommands.Actor(owner, false)),
                                        document))
                .isInstanceOfSatisfying(
                        DocumentRuleViolation.class,
                        violation ->
                                assertThat(violation.kind())
                                        .isEqualTo(DocumentRuleViolation.Kind.DELETED));
    }

    private void storedByAnEarlierRelease(long sequence, String formerName, String payload) {
        jdbc.update(
                """
                INSERT INTO event_store.domainevententry (eventidentifier, metadata, payload, payloadrevision, payloadtype,
                    timestamp, aggregateidentifier, sequencenumber, type)
                VALUES (?, convert_to('{}', 'UTF8'), convert_to(?, 'UTF8'), '1', ?, ?, ?, ?, 'Document')""",
                UUID.randomUUID().toString(),
                payload,
                FORMER + formerName,
                Instant.now().toString(),
                document.toString(),
                sequence);
    }
}
