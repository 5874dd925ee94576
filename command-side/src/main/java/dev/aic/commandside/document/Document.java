package dev.aic.commandside.document;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonMerge;
import dev.aic.contracts.document.DocumentEvent.ChunksEmbedded;
import dev.aic.contracts.document.DocumentEvent.Deleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingCompleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingFailed;
import dev.aic.contracts.document.DocumentEvent.ProcessingStarted;
import dev.aic.contracts.document.DocumentEvent.ReprocessingRequested;
import dev.aic.contracts.document.DocumentEvent.Uploaded;
import dev.aic.contracts.document.DocumentEvent.VersionAdded;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.ProcessingFailureReason;
import dev.aic.contracts.user.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An uploaded document, its content versions and how far the ai-worker's processing of the current
 * version has come. Command handlers check guards, then apply; sourcing handlers only assign. The
 * bytes themselves live in the content store; the aggregate knows where. That a member holds given
 * bytes in one document only is {@link DocumentHashes}' rule, checked in the transaction that
 * stores these events.
 *
 * <p>The ai-worker's reports arrive at least once, so recording them is idempotent: for the current
 * version and each model (by fingerprint) the document keeps which chunks are recorded and whether
 * the processing is under way, completed or failed, never the chunks' text or vectors. It is loaded
 * from its latest snapshot plus the events after it ({@link DocumentSnapshots}), because chunk
 * events are large. A snapshot is this object, every field of it, through Jackson. Change the
 * fields, bump the revision: older snapshots are then ignored and the document is rebuilt from its
 * events.
 */
@Aggregate(snapshotTriggerDefinition = DocumentSnapshots.TRIGGER)
@Revision("1")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE,
        creatorVisibility = Visibility.NONE)
class Document {

    private enum RunStatus {
        IN_PROGRESS,
        COMPLETED,
        FAILED
    }

    @AggregateIdentifier private DocumentId id;
    private UserId owner;
    private int version;
    private String sha256;
    private String contentType;
    private long sizeBytes;
    // @JsonMerge: a snapshot fills the collections made here instead of replacing them with
    // Jackson's defaults
    @JsonMerge private final List<String> storageKeys = new ArrayList<>();
    private boolean deleted;

    /**
     * The processing of the current version by model fingerprint; a new version starts with none.
     */
    @JsonMerge private final Map<String, Run> runs = new HashMap<>();

    Document() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Document(DocumentCommands.Upload command) {
        DocumentCommands.Content content = command.content();
        DocumentCommands.Audience audience = command.audience();
        apply(
                new Uploaded(
                        command.documentId(),
                        1,
                        command.owner(),
                        command.title().strip(),
                        command.tags().stream()
                                .map(String::strip)
                                .filter(tag -> !tag.isEmpty())
                                .distinct()
                                .toList(),
                        audience.visibility(),
                        audience.communityEventId(),
                        content.contentType(),
                        content.sizeBytes(),
                        content.sha256(),
                        content.storageKey(),
                        content.originalFilename()));
    }

    @CommandHandler
    DocumentCommands.Replaced handle(DocumentCommands.AddVersion command) {
        requireOwnerOrAdmin(command.actor());
        requireNotDeleted();
        DocumentCommands.Content content = command.content();
        if (content.sha256().equals(sha256)) {
            return new DocumentCommands.Replaced(version, false);
        }
        int next = version + 1;
        apply(
                new VersionAdded(
                        id,
                        next,
                        content.contentType(),
                        content.sizeBytes(),
                        content.sha256(),
                        content.storageKey(),
                        content.originalFilename()));
        return new DocumentCommands.Replaced(next, true);
    }

    @CommandHandler
    List<String> handle(DocumentCommands.Delete command) {
        requireOwnerOrAdmin(command.actor());
        List<String> keys = List.copyOf(storageKeys);
        if (!deleted) {
            apply(new Deleted(id, keys));
        }
        return keys;
    }

    @CommandHandler
    void handle(DocumentCommands.Reprocess command) {
        requireOwnerOrAdmin(command.actor());
        requireNotDeleted();
        boolean failed = runs.values().stream().anyMatch(run -> run.status == RunStatus.FAILED);
        boolean completed =
                runs.values().stream().anyMatch(run -> run.status == RunStatus.COMPLETED);
        if (completed && !failed) {
            throw DocumentRuleViolation.alreadyProcessed(id, version);
        }
        apply(
                new ReprocessingRequested(
                        id, version, contentType, sizeBytes, sha256, currentStorageKey()));
    }

    /**
     * A start redelivered while the processing is under way, or after it completed, records
     * nothing.
     */
    @CommandHandler
    void handle(DocumentCommands.RecordProcessingStarted command) {
        if (stale(command.version())) {
            return;
        }
        Run run = runs.get(command.model().fingerprint());
        if (run == null || run.status == RunStatus.FAILED) {
            apply(new ProcessingStarted(id, command.version(), command.model()));
        }
    }

    /** Records the chunks not recorded yet; a redelivered batch records nothing. */
    @CommandHandler
    void handle(DocumentCommands.RecordChunks command) {
        if (stale(command.version())) {
            return;
        }
        requireFitsModel(command.model(), command.chunks());
        Run run = runs.get(command.model().fingerprint());
        if (run == null) {
            throw new IllegalStateException(
                    "Chunks of version "
                            + command.version()
                            + " of document "
                            + id
                            + " with "
                            + command.model().name()
                            + " arrived before its processing started");
        }
        if (run.status == RunStatus.COMPLETED) {
            return;
        }
        Set<Integer> seen = new HashSet<>(run.chunks);
        List<EmbeddedChunk> fresh =
                command.chunks().stream().filter(chunk -> seen.add(chunk.index())).toList();
        if (!fresh.isEmpty()) {
            apply(new ChunksEmbedded(id, command.version(), command.model(), fresh));
        }
    }

    /** Recorded once, and only when every chunk it counts is recorded. */
    @CommandHandler
    void handle(DocumentCommands.RecordProcessingCompleted command) {
        if (stale(command.version())) {
            return;
        }
        EmbeddingModel model = command.model();
        if (command.chunkCount() < 0) {
            throw new IllegalArgumentException(
                    "chunkCount must not be negative: " + command.chunkCount());
        }
        Run run = runs.get(model.fingerprint());
        if (run != null && run.status == RunStatus.COMPLETED) {
            return;
        }
        int recorded = run == null ? 0 : run.chunks.headSet(command.chunkCount()).size();
        if (recorded < command.chunkCount()) {
            throw new ChunksMissingException(
                    id, command.version(), model, command.chunkCount(), recorded);
        }
        if (run == null) {
            throw new IllegalStateException(
                    "Version "
                            + command.version()
                            + " of document "
                            + id
                            + " with "
                            + model.name()
                            + " completed before its processing started");
        }
        if (run.chunks.size() > recorded) {
            throw new IllegalArgumentException(
                    "Processing of version "
                            + command.version()
                            + " of document "
                            + id
                            + " reported "
                            + command.chunkCount()
                            + " chunks, but chunk "
                            + run.chunks.last()
                            + " is recorded");
        }
        apply(new ProcessingCompleted(id, command.version(), model, command.chunkCount()));
    }

    /** A failure of a completed processing, or the same failure again, records nothing. */
    @CommandHandler
    void handle(DocumentCommands.RecordProcessingFailed command) {
        if (stale(command.version())) {
            return;
        }
        Run run = runs.get(command.model().fingerprint());
        if (run != null
                && (run.status == RunStatus.COMPLETED
                        || run.status == RunStatus.FAILED
                                && Objects.equals(run.failureReason, command.reason())
                                && Objects.equals(run.failureDetail, command.detail()))) {
            return;
        }
        apply(
                new ProcessingFailed(
                        id,
                        command.version(),
                        command.model(),
                        command.reason(),
                        command.detail()));
    }

    /**
     * A report about another version than the current one, or about a deleted document, came too
     * late.
     */
    private boolean stale(int reportedVersion) {
        return deleted || reportedVersion != version;
    }

    /**
     * Vectors of another length than the model's cannot be compared with the others: a broken
     * report.
     */
    private static void requireFitsModel(EmbeddingModel model, List<EmbeddedChunk> chunks) {
        for (EmbeddedChunk chunk : chunks) {
            if (chunk.index() < 0) {
                throw new IllegalArgumentException(
                        "A chunk index must not be negative: " + chunk.index());
            }
            if (chunk.vector() == null || chunk.vector().dimension() != model.dimension()) {
                throw new IllegalArgumentException(
                        "Chunk "
                                + chunk.index()
                                + " has a vector of "
                                + (chunk.vector() == null ? 0 : chunk.vector().dimension())
                                + " dimensions, but "
                                + model.name()
                                + " makes "
                                + model.dimension());
            }
        }
    }

    private String currentStorageKey() {
        return storageKeys.get(storageKeys.size() - 1);
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
    void on(Uploaded event) {
        id = event.documentId();
        owner = event.owner();
        version = event.version();
        sha256 = event.sha256();
        contentType = event.contentType();
        sizeBytes = event.sizeBytes();
        storageKeys.add(event.storageKey());
    }

    @EventSourcingHandler
    void on(VersionAdded event) {
        version = event.version();
        sha256 = event.sha256();
        contentType = event.contentType();
        sizeBytes = event.sizeBytes();
        storageKeys.add(event.storageKey());
        runs.clear();
    }

    @EventSourcingHandler
    void on(Deleted event) {
        deleted = true;
    }

    /** A processing that starts again (after a failure) starts from its first chunk. */
    @EventSourcingHandler
    void on(ProcessingStarted event) {
        runs.put(event.model().fingerprint(), new Run());
    }

    @EventSourcingHandler
    void on(ChunksEmbedded event) {
        Run run = runs.computeIfAbsent(event.model().fingerprint(), fingerprint -> new Run());
        event.chunks().forEach(chunk -> run.chunks.add(chunk.index()));
    }

    @EventSourcingHandler
    void on(ProcessingCompleted event) {
        runs.computeIfAbsent(event.model().fingerprint(), fingerprint -> new Run()).status =
                RunStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(ProcessingFailed event) {
        Run run = runs.computeIfAbsent(event.model().fingerprint(), fingerprint -> new Run());
        run.status = RunStatus.FAILED;
        run.failureReason = event.reason();
        run.failureDetail = event.detail();
    }

    @Override
    public String toString() {
        return "Document " + Objects.toString(id);
    }

    /**
     * One model's processing of the current version: its status and the indexes of the chunks
     * recorded.
     */
    @JsonAutoDetect(
            fieldVisibility = Visibility.ANY,
            getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE,
            setterVisibility = Visibility.NONE,
            creatorVisibility = Visibility.NONE)
    private static final class Run {

        private RunStatus status = RunStatus.IN_PROGRESS;
        @JsonMerge private final TreeSet<Integer> chunks = new TreeSet<>();
        private ProcessingFailureReason failureReason;
        private String failureDetail;

        // by value: the test fixture compares the state a command left with the state its events
        // rebuild
        @Override
        public boolean equals(Object other) {
            return other instanceof Run run
                    && status == run.status
                    && chunks.equals(run.chunks)
                    && Objects.equals(failureReason, run.failureReason)
                    && Objects.equals(failureDetail, run.failureDetail);
        }

        @Override
        public int hashCode() {
            return Objects.hash(status, chunks, failureReason, failureDetail);
        }
    }
}
