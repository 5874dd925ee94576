package dev.aic.queryside.analytics;

import dev.aic.contracts.document.DocumentEvent;
import dev.aic.contracts.document.DocumentEvent.ChunksEmbedded;
import dev.aic.contracts.document.DocumentEvent.Deleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingCompleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingFailed;
import dev.aic.contracts.document.DocumentEvent.ProcessingStarted;
import dev.aic.contracts.document.DocumentEvent.ReprocessingRequested;
import dev.aic.contracts.document.DocumentEvent.Uploaded;
import dev.aic.contracts.document.DocumentEvent.VersionAdded;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.eventstore.ProcessorTokens;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Feeds {@code analytics-documents}, idempotently like the other analytics projections. Processing
 * events of a version other than the document's current one (a late report on a replaced version)
 * change nothing.
 */
@Component
@ProcessingGroup(ProjectionNames.ANALYTICS_DOCUMENTS)
class DocumentFactsProjection {

    private final DocumentFactsIndex index;

    DocumentFactsProjection(DocumentFactsIndex index, ProcessorTokens tokens) {
        this.index = index;
        if (index.needsFilling()) {
            // a new (or lost) index starts empty: whatever the token says was indexed went
            // elsewhere
            tokens.forget(ProjectionNames.ANALYTICS_DOCUMENTS);
        }
    }

    @EventHandler
    void on(Uploaded event, @SequenceNumber long seq, @Timestamp Instant at) {
        UUID id = event.documentId().value();
        index.create(
                DocumentFacts.uploaded(
                        id,
                        at,
                        event.version(),
                        event.contentType(),
                        event.sizeBytes(),
                        event.tags(),
                        event.visibility().name(),
                        event.communityEventId() == null ? null : event.communityEventId().value()),
                seq + 1);
    }

    @EventHandler
    void on(VersionAdded event, @SequenceNumber long seq, @Timestamp Instant at) {
        change(
                event,
                seq,
                facts ->
                        facts.newVersion(
                                at, event.version(), event.contentType(), event.sizeBytes()));
    }

    @EventHandler
    void on(ReprocessingRequested event, @SequenceNumber long seq, @Timestamp Instant at) {
        change(
                event,
                seq,
                facts ->
                        facts.newVersion(
                                at, event.version(), event.contentType(), event.sizeBytes()));
    }

    @EventHandler
    void on(ProcessingStarted event, @SequenceNumber long seq, @Timestamp Instant at) {
        change(
                event,
                seq,
                facts ->
                        facts.version() == event.version()
                                ? facts.started(at, event.model().name())
                                : facts);
    }

    @EventHandler
    void on(ChunksEmbedded event, @SequenceNumber long seq) {
        Integer page =
                event.chunks().stream()
                        .map(EmbeddedChunk::location)
                        .filter(Objects::nonNull)
                        .map(
                                location ->
                                        location.page() != null
                                                ? location.page()
                                                : location.slide())
                        .filter(Objects::nonNull)
                        .max(Integer::compare)
                        .orElse(null);
        change(
                event,
                seq,
                facts -> facts.version() == event.version() ? facts.pagesSeen(page) : facts);
    }

    @EventHandler
    void on(ProcessingCompleted event, @SequenceNumber long seq, @Timestamp Instant at) {
        change(
                event,
                seq,
                facts ->
                        facts.version() == event.version()
                                ? facts.finished(at, "PROCESSED", event.chunkCount(), null)
                                : facts);
    }

    @EventHandler
    void on(ProcessingFailed event, @SequenceNumber long seq, @Timestamp Instant at) {
        change(
                event,
                seq,
                facts ->
                        facts.version() == event.version()
                                ? facts.finished(at, "FAILED", null, event.reason().name())
                                : facts);
    }

    @EventHandler
    void on(Deleted event, @SequenceNumber long seq) {
        change(event, seq, DocumentFacts::asDeleted);
    }

    @ResetHandler
    void reset() {
        index.clear();
    }

    private void change(DocumentEvent event, long seq, UnaryOperator<DocumentFacts> change) {
        long version = seq + 1;
        index.current(event.documentId().value())
                .ifPresent(
                        current -> {
                            if (current.version() < version) {
                                index.put(change.apply(current.document()), version);
                            }
                        });
    }
}
