package dev.aic.commandside.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.commandside.web.Commands;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.user.UserId;
import dev.aic.testsupport.RealInfrastructure;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The rule that a member holds given bytes in one document only, kept by {@link DocumentHashes} in
 * the transaction of the command that stores the events. The upload endpoint asks the table first,
 * so these commands go through {@link Commands} directly, as a concurrent upload that passed that
 * check would.
 */
@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
class DocumentHashesIT {

    @Autowired Commands commands;
    @Autowired DocumentHashes hashes;
    @Autowired JdbcTemplate jdbc;

    private final UserId ada = new UserId(UUID.randomUUID());
    private final DocumentCommands.Actor owner = new DocumentCommands.Actor(ada, false);
    private final String sha1 = sha();
    private final String sha2 = sha();

    @Test
    void theSameBytesUploadedAgainByTheSameMemberAreADuplicateAndNothingIsStored() {
        DocumentId paper = upload(ada, sha1);
        DocumentId again = new DocumentId(UUID.randomUUID());

        assertThatThrownBy(() -> commands.send(uploadCommand(again, ada, sha1), again))
                .isInstanceOf(DocumentRuleViolation.class)
                .hasMessage("You already uploaded this content as document " + paper);

        assertThat(events(again)).isZero();
        assertThat(hashes.owner(again)).isEmpty();
        assertThat(hashes.holder(ada, sha1)).contains(paper);
    }

    @Test
    void theSameBytesUploadedByAnotherMemberAreTheirOwnDocument() {
        DocumentId paper = upload(ada, sha1);
        UserId eve = new UserId(UUID.randomUUID());

        DocumentId theirs = upload(eve, sha1);

        assertThat(hashes.holder(ada, sha1)).contains(paper);
        assertThat(hashes.holder(eve, sha1)).contains(theirs);
    }

    @Test
    void aNewVersionHoldsItsBytesInsteadOfTheOldOnesAndMayNotTakeAnotherDocumentsBytes() {
        DocumentId paper = upload(ada, sha1);
        DocumentId slides = upload(ada, sha2);

        assertThatThrownBy(
                        () ->
                                commands.send(
                                        new DocumentCommands.AddVersion(
                                                slides, null, owner, content(sha1)),
                                        slides))
                .isInstanceOf(DocumentRuleViolation.class)
                .hasMessage("You already uploaded this content as document " + paper);
        assertThat(events(slides)).isOne();

        String sha3 = sha();
        commands.send(new DocumentCommands.AddVersion(paper, null, owner, content(sha3)), paper);
        assertThat(hashes.holder(ada, sha3)).contains(paper);
        assertThat(hashes.holder(ada, sha1)).isEmpty();
        commands.send(new DocumentCommands.AddVersion(slides, null, owner, content(sha1)), slides);
        assertThat(hashes.holder(ada, sha1)).contains(slides);
    }

    @Test
    void aDeletedDocumentsBytesMayBeUploadedAgain() {
        DocumentId paper = upload(ada, sha1);

        commands.send(new DocumentCommands.Delete(paper, null, owner), paper);

        assertThat(hashes.holder(ada, sha1)).isEmpty();
        assertThat(hashes.owner(paper)).isEmpty();
        DocumentId again = upload(ada, sha1);
        assertThat(hashes.holder(ada, sha1)).contains(again);
    }

    private DocumentId upload(UserId member, String sha256) {
        DocumentId id = new DocumentId(UUID.randomUUID());
        commands.send(uploadCommand(id, member, sha256), id);
        return id;
    }

    private static DocumentCommands.Upload uploadCommand(
            DocumentId id, UserId member, String sha256) {
        return new DocumentCommands.Upload(
                id,
                member,
                "Notes",
                List.of(),
                new DocumentCommands.Audience(DocumentVisibility.MEMBERS, null),
                content(sha256));
    }

    private static DocumentCommands.Content content(String sha256) {
        return new DocumentCommands.Content(
                "documents/" + UUID.randomUUID(), "text/plain", 42, sha256, "notes.txt");
    }

    private int events(DocumentId document) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class,
                document.toString());
    }

    private static String sha() {
        return UUID.randomUUID().toString().replace("-", "").repeat(2);
    }
}
