package dev.aic.commandside.document;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.aic.contracts.document.DocumentEvent.DocumentDeleted;
import dev.aic.contracts.document.DocumentEvent.DocumentUploaded;
import dev.aic.contracts.document.DocumentEvent.DocumentVersionAdded;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An uploaded document and its content versions. Command handlers check guards, then apply; sourcing
 * handlers only assign. The bytes themselves live in the content store; the aggregate knows where.
 */
@Aggregate
class Document {

    @AggregateIdentifier
    private DocumentId id;
    private UserId owner;
    private int version;
    private String sha256;
    private final List<String> storageKeys = new ArrayList<>();
    private boolean deleted;

    Document() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Document(DocumentCommands.Upload command, DocumentHashes hashes) {
        requireAudienceFits(command);
        DocumentCommands.Content content = command.content();
        hashes.claim(command.owner(), content.sha256(), command.documentId()).ifPresent(existing -> {
            throw DocumentRuleViolation.duplicate(existing);
        });
        apply(new DocumentUploaded(command.documentId(), 1, command.owner(), command.title().strip(),
                command.tags().stream().map(String::strip).filter(tag -> !tag.isEmpty()).distinct().toList(),
                command.visibility(), command.communityEventId(), content.contentType(), content.sizeBytes(),
                content.sha256(), content.storageKey(), content.originalFilename()));
    }

    @CommandHandler
    DocumentCommands.Replaced handle(DocumentCommands.AddVersion command, DocumentHashes hashes) {
        requireOwnerOrAdmin(command.actor());
        requireNotDeleted();
        DocumentCommands.Content content = command.content();
        if (content.sha256().equals(sha256)) {
            return new DocumentCommands.Replaced(version, false);
        }
        hashes.claim(owner, content.sha256(), id).ifPresent(existing -> {
            throw DocumentRuleViolation.duplicate(existing);
        });
        int next = version + 1;
        apply(new DocumentVersionAdded(id, next, content.contentType(), content.sizeBytes(), content.sha256(),
                content.storageKey(), content.originalFilename()));
        return new DocumentCommands.Replaced(next, true);
    }

    @CommandHandler
    List<String> handle(DocumentCommands.Delete command, DocumentHashes hashes) {
        requireOwnerOrAdmin(command.actor());
        List<String> keys = List.copyOf(storageKeys);
        if (!deleted) {
            hashes.release(id);
            apply(new DocumentDeleted(id, keys));
        }
        return keys;
    }

    /** Only an event's attendees need an event; the other audiences must not name one. */
    private static void requireAudienceFits(DocumentCommands.Upload command) {
        boolean forAttendees = command.visibility() == DocumentVisibility.EVENT_ATTENDEES;
        if (forAttendees != (command.communityEventId() != null)) {
            throw new IllegalArgumentException("communityEventId is required for EVENT_ATTENDEES and only then");
        }
    }

    private void requireOwnerOrAdmin(DocumentCommands.Actor actor) {
        if (!actor.admin() && !actor.user().equals(owner)) {
            throw DocumentRuleViolation.notTheOwner();
        }
    }

    private void requireNotDeleted() {
        if (deleted) {
            throw DocumentRuleViolation.deleted(id);
        }
    }

    @EventSourcingHandler
    void on(DocumentUploaded event) {
        id = event.documentId();
        owner = event.owner();
        version = event.version();
        sha256 = event.sha256();
        storageKeys.add(event.storageKey());
    }

    @EventSourcingHandler
    void on(DocumentVersionAdded event) {
        version = event.version();
        sha256 = event.sha256();
        storageKeys.add(event.storageKey());
    }

    @EventSourcingHandler
    void on(DocumentDeleted event) {
        deleted = true;
    }

    @Override
    public String toString() {
        return "Document " + Objects.toString(id);
    }
}
