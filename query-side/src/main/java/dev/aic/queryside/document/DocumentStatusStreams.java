package dev.aic.queryside.document;

import dev.aic.web.stream.PolledStreams;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of a document's processing status ({@link PolledStreams}): one poll per
 * followed document reads its status as anyone sees it; each stream then sends what its own reader
 * may see. A stream ends when the status settles (INDEXED or FAILED), when the document disappears
 * for its reader, or after {@code timeout}.
 */
@Component
class DocumentStatusStreams implements DisposableBean {

    static final String EVENT_NAME = "status";

    private final PolledStreams<UUID, DocumentStatus> streams;

    DocumentStatusStreams(DocumentStreamProperties properties, Documents documents) {
        this.streams =
                new PolledStreams<>(
                        "document-status",
                        EVENT_NAME,
                        new PolledStreams.Settings(
                                properties.pollInterval(),
                                properties.timeout(),
                                properties.threads(),
                                properties.maxStreamsPerCaller(),
                                properties.maxStreams()),
                        id ->
                                documents
                                        .find(id, DocumentAudience.everyone())
                                        .map(DocumentStatus::of),
                        status -> status.processing().status().settled());
    }

    /**
     * A stream of document {@code id} for {@code caller} ({@code Caller.key()}), as {@code
     * asSeenByReader} reads it.
     */
    SseEmitter open(String caller, UUID id, Supplier<Optional<DocumentStatus>> asSeenByReader) {
        return streams.open(caller, id, asSeenByReader);
    }

    /**
     * How many documents are polled right now: one per document, however many streams follow it.
     */
    int watchedDocuments() {
        return streams.watched();
    }

    @Override
    public void destroy() {
        streams.close();
    }
}
