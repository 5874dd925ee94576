package dev.aic.commandside.document;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.document.DocumentEvent.Deleted;
import dev.aic.contracts.document.DocumentEvent.Uploaded;
import dev.aic.contracts.document.DocumentEvent.VersionAdded;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.user.UserId;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class DocumentTest {

    private static final DocumentId PAPER =
            new DocumentId(UUID.fromString("00000000-0000-0000-0000-0000000000d1"));
    private static final UserId ADA =
            new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final UserId EVE =
            new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000e"));
    private static final CommunityEventId MEETUP =
            new CommunityEventId(UUID.fromString("00000000-0000-0000-0000-0000000000e1"));
    private static final String SHA_1 = "a".repeat(64);
    private static final String SHA_2 = "b".repeat(64);
    private static final DocumentCommands.Content V1 =
            new DocumentCommands.Content(
                    "documents/d1/one", "application/pdf", 1234, SHA_1, "paper.pdf");
    private static final DocumentCommands.Content V2 =
            new DocumentCommands.Content(
                    "documents/d1/two", "text/markdown", 99, SHA_2, "paper.md");
    private static final Uploaded UPLOADED =
            new Uploaded(
                    PAPER,
                    1,
                    ADA,
                    "Attention",
                    List.of("nlp"),
                    DocumentVisibility.MEMBERS,
                    null,
                    "application/pdf",
                    1234,
                    SHA_1,
                    "documents/d1/one",
                    "paper.pdf");
    private static final DocumentCommands.Actor OWNER = new DocumentCommands.Actor(ADA, false);
    private static final DocumentCommands.Actor STRANGER = new DocumentCommands.Actor(EVE, false);
    private static final DocumentCommands.Actor ADMIN = new DocumentCommands.Actor(EVE, true);
    private static final DocumentCommands.Audience MEMBERS =
            new DocumentCommands.Audience(DocumentVisibility.MEMBERS, null);

    private final AggregateTestFixture<Document> fixture =
            new AggregateTestFixture<>(Document.class);

    @Test
    void anUploadIsTheFirstVersionWithTrimmedTitleAndDistinctTags() {
        fixture.givenNoPriorActivity()
                .when(
                        new DocumentCommands.Upload(
                                PAPER,
                                ADA,
                                " Attention ",
                                List.of("nlp", " nlp ", ""),
                                MEMBERS,
                                V1))
                .expectSuccessfulHandlerExecution()
                .expectEvents(UPLOADED);
    }

    @Test
    void anUploadForAnEventsAttendeesNamesTheEvent() {
        fixture.givenNoPriorActivity()
                .when(
                        new DocumentCommands.Upload(
                                PAPER,
                                ADA,
                                "Slides",
                                List.of(),
                                new DocumentCommands.Audience(
                                        DocumentVisibility.EVENT_ATTENDEES, MEETUP),
                                V1))
                .expectEvents(
                        new Uploaded(
                                PAPER,
                                1,
                                ADA,
                                "Slides",
                                List.of(),
                                DocumentVisibility.EVENT_ATTENDEES,
                                MEETUP,
                                "application/pdf",
                                1234,
                                SHA_1,
                                "documents/d1/one",
                                "paper.pdf"));
    }

    @Test
    void onlyAnAudienceOfAttendeesNamesAnEvent() {
        assertThatThrownBy(
                        () ->
                                new DocumentCommands.Audience(
                                        DocumentVisibility.EVENT_ATTENDEES, null))
                .isInstanceOf(InvalidDocumentRequestException.class)
                .hasMessage("is required for EVENT_ATTENDEES visibility, and only then");
        assertThatThrownBy(() -> new DocumentCommands.Audience(DocumentVisibility.PUBLIC, MEETUP))
                .isInstanceOf(InvalidDocumentRequestException.class);
    }

    @Test
    void newContentIsTheNextVersion() {
        fixture.given(UPLOADED)
                .when(new DocumentCommands.AddVersion(PAPER, null, OWNER, V2))
                .expectResultMessagePayload(new DocumentCommands.Replaced(2, true))
                .expectEvents(
                        new VersionAdded(
                                PAPER,
                                2,
                                "text/markdown",
                                99,
                                SHA_2,
                                "documents/d1/two",
                                "paper.md"));
    }

    @Test
    void theCurrentBytesAgainAddNoVersion() {
        fixture.given(UPLOADED)
                .when(new DocumentCommands.AddVersion(PAPER, null, OWNER, V1))
                .expectResultMessagePayload(new DocumentCommands.Replaced(1, false))
                .expectNoEvents();
    }

    @Test
    void anAdministratorMayReplaceTheContent() {
        fixture.given(UPLOADED)
                .when(new DocumentCommands.AddVersion(PAPER, null, ADMIN, V2))
                .expectEvents(
                        new VersionAdded(
                                PAPER,
                                2,
                                "text/markdown",
                                99,
                                SHA_2,
                                "documents/d1/two",
                                "paper.md"));
    }

    @Test
    void anotherMemberMayNotReplaceTheContent() {
        fixture.given(UPLOADED)
                .when(new DocumentCommands.AddVersion(PAPER, null, STRANGER, V2))
                .expectException(DocumentRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aStaleVersionIsRefused() {
        fixture.given(
                        UPLOADED,
                        new VersionAdded(
                                PAPER,
                                2,
                                "text/markdown",
                                99,
                                SHA_2,
                                "documents/d1/two",
                                "paper.md"))
                .when(new DocumentCommands.AddVersion(PAPER, 0L, OWNER, V1))
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedDocumentTakesNoNewContent() {
        fixture.given(UPLOADED, new Deleted(PAPER, List.of("documents/d1/one")))
                .when(new DocumentCommands.AddVersion(PAPER, null, OWNER, V2))
                .expectException(DocumentRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void deletingNamesTheContentOfEveryVersion() {
        fixture.given(
                        UPLOADED,
                        new VersionAdded(
                                PAPER,
                                2,
                                "text/markdown",
                                99,
                                SHA_2,
                                "documents/d1/two",
                                "paper.md"))
                .when(new DocumentCommands.Delete(PAPER, null, OWNER))
                .expectResultMessagePayload(List.of("documents/d1/one", "documents/d1/two"))
                .expectEvents(new Deleted(PAPER, List.of("documents/d1/one", "documents/d1/two")));
    }

    @Test
    void deletingTwiceChangesNothingAndNamesTheContentAgain() {
        fixture.given(UPLOADED, new Deleted(PAPER, List.of("documents/d1/one")))
                .when(new DocumentCommands.Delete(PAPER, null, OWNER))
                .expectResultMessagePayload(List.of("documents/d1/one"))
                .expectNoEvents();
    }

    @Test
    void anotherMemberMayNotDelete() {
        fixture.given(UPLOADED)
                .when(new DocumentCommands.Delete(PAPER, null, STRANGER))
                .expectException(DocumentRuleViolation.class)
                .expectNoEvents();
    }
}
