package dev.aic.aiworker.document;

import dev.aic.aiworker.chunking.Chunk;
import dev.aic.aiworker.chunking.TextChunker;
import dev.aic.aiworker.embedding.EmbeddingModelVersion;
import dev.aic.aiworker.embedding.EmbeddingModels;
import dev.aic.aiworker.embedding.Embeddings;
import dev.aic.aiworker.embedding.TextEmbedder;
import dev.aic.aiworker.extraction.DocumentExtractor;
import dev.aic.aiworker.extraction.ExtractedDocument;
import dev.aic.aiworker.extraction.ExtractionFailedException;
import dev.aic.aiworker.extraction.SectionLocation;
import dev.aic.content.ContentReader;
import dev.aic.content.ContentStore;
import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.EmbeddingVector;
import dev.aic.contracts.document.ProcessingFailureReason;
import dev.aic.contracts.integration.DocumentProcessingReport.Completed;
import dev.aic.contracts.integration.DocumentProcessingReport.Embedded;
import dev.aic.contracts.integration.DocumentProcessingReport.Failed;
import dev.aic.contracts.integration.DocumentProcessingReport.Started;
import dev.aic.messaging.DeliveryAttempts;
import dev.aic.messaging.PoisonRecordException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Processes one document version with the active model, from the start: fetch and check the
 * content, extract, chunk, embed in batches, and report each step on the processing topic. Every
 * step is deterministic, so a version processed again reports the same chunks under the same ids.
 *
 * <p>A document that cannot give chunks (no text, missing or altered content) ends with a {@link
 * Failed} report. Anything unexpected (storage or broker unavailable) is thrown, for the caller to
 * retry.
 */
@Component
class DocumentProcessor {

    private static final Logger log = LoggerFactory.getLogger(DocumentProcessor.class);

    private final ContentReader content;
    private final DocumentExtractor extractor;
    private final TextChunker chunker;
    private final TextEmbedder embedder;
    private final int batchSize;
    private final DocumentVersions versions;
    private final ProcessingReports reports;
    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final Counter chunksEmbedded;
    private final DeliveryAttempts attempts;
    private final ReadWriteLock suspects = new ReentrantReadWriteLock();

    DocumentProcessor(
            ContentReader content,
            DocumentExtractor extractor,
            TextChunker chunker,
            EmbeddingModels models,
            DocumentVersions versions,
            ProcessingReports reports,
            MeterRegistry meters,
            ObservationRegistry observations,
            DeliveryAttempts attempts) {
        this.attempts = attempts;
        this.observations = observations;
        this.content = content;
        this.extractor = extractor;
        this.chunker = chunker;
        this.embedder = models.active();
        this.batchSize = models.batchSize();
        this.versions = versions;
        this.reports = reports;
        this.meters = meters;
        if (InjectedFaults.enabled()) {
            log.atWarn()
                    .log(
                            "Test fault injection is on: a document with the marker halts this worker");
        }
        this.chunksEmbedded =
                Counter.builder("aic.documents.chunks.embedded")
                        .description("Chunks embedded and reported")
                        .register(meters);
    }

    /** How processing a version ended. */
    enum Outcome {
        COMPLETED,
        FAILED,
        SKIPPED
    }

    /**
     * The key under which a version's attempts are counted, whoever processes it: listener or
     * re-embedding job.
     */
    static final String ATTEMPTS_GROUP = "document-version";

    /**
     * {@link #process} counted by the version, so that deaths of the worker add up whether the
     * listener or the re-embedding job was processing it.
     *
     * @throws PoisonRecordException if processing the version took the worker down too often
     */
    Outcome processCounted(DocumentVersion version) {
        return attempts.attempt(
                ATTEMPTS_GROUP,
                version.documentId().toString(),
                version.version(),
                0,
                (int crashes) ->
                        inLock(crashes == 0 ? suspects.readLock() : suspects.writeLock(), version));
    }

    /**
     * A death of the worker is charged to every version in flight, the innocent with the guilty. A
     * version that was in flight at a death is therefore processed alone: if it dies again it is
     * the culprit; if not, its count is cleared, and a bystander is never parked for another's
     * crash.
     */
    private Outcome inLock(Lock lock, DocumentVersion version) {
        lock.lock();
        try {
            return process(version);
        } finally {
            lock.unlock();
        }
    }

    Outcome process(DocumentVersion version) {
        if (versions.isDeleted(version.documentId())) {
            log.atInfo()
                    .addKeyValue("documentId", version.documentId())
                    .addKeyValue("version", version.version())
                    .log("Document deleted; version skipped");
            count(Outcome.SKIPPED, "DELETED");
            return Outcome.SKIPPED;
        }
        EmbeddingModelVersion modelVersion = embedder.model();
        EmbeddingModel model =
                new EmbeddingModel(
                        modelVersion.name(), modelVersion.fingerprint(), modelVersion.dimension());
        reports.publish(new Started(version.documentId(), version.version(), model), 0);

        byte[] bytes;
        try {
            bytes = timed("fetch", () -> fetch(version));
        } catch (ContentStore.NoSuchContentException e) {
            return fail(
                    version, modelVersion, ProcessingFailureReason.CONTENT_MISSING, e.getMessage());
        }
        InjectedFaults.haltIfMarked(bytes);
        String mismatch = mismatch(version, bytes);
        if (mismatch != null) {
            return fail(version, modelVersion, ProcessingFailureReason.CONTENT_MISMATCH, mismatch);
        }
        ExtractedDocument document;
        try {
            document = timed("extract", () -> extractor.extract(bytes, version.contentType()));
        } catch (ExtractionFailedException e) {
            return fail(version, modelVersion, e.reason(), e.getMessage());
        }
        List<Chunk> chunks = timed("chunk", () -> chunker.chunk(document));
        for (int start = 0; start < chunks.size(); start += batchSize) {
            List<Chunk> batch = chunks.subList(start, Math.min(start + batchSize, chunks.size()));
            Embeddings embeddings =
                    timed("embed", () -> embedder.embed(batch.stream().map(Chunk::text).toList()));
            if (!embeddings.model().equals(modelVersion)) {
                throw new IllegalStateException(
                        "The embedder changed its model from "
                                + modelVersion
                                + " to "
                                + embeddings.model()
                                + " while "
                                + version
                                + " was processed");
            }
            List<EmbeddedChunk> embedded = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                embedded.add(embedded(batch.get(i), embeddings.vectors().get(i)));
            }
            reports.publish(
                    new Embedded(version.documentId(), version.version(), model, embedded), start);
            chunksEmbedded.increment(batch.size());
            log.atInfo()
                    .addKeyValue("documentId", version.documentId())
                    .addKeyValue("version", version.version())
                    .addKeyValue("chunksDone", start + batch.size())
                    .addKeyValue("chunksTotal", chunks.size())
                    .log("Chunks embedded");
        }
        reports.publish(
                new Completed(version.documentId(), version.version(), model, chunks.size()), 0);
        versions.recordRun(
                version, modelVersion, DocumentVersions.Outcome.COMPLETED, null, chunks.size());
        count(Outcome.COMPLETED, "NONE");
        log.atInfo()
                .addKeyValue("documentId", version.documentId())
                .addKeyValue("version", version.version())
                .addKeyValue("chunks", chunks.size())
                .addKeyValue("model", modelVersion.name())
                .log("Document version processed");
        return Outcome.COMPLETED;
    }

    private Outcome fail(
            DocumentVersion version,
            EmbeddingModelVersion modelVersion,
            ProcessingFailureReason reason,
            String detail) {
        EmbeddingModel model =
                new EmbeddingModel(
                        modelVersion.name(), modelVersion.fingerprint(), modelVersion.dimension());
        reports.publish(
                new Failed(version.documentId(), version.version(), model, reason, detail), 0);
        versions.recordRun(version, modelVersion, DocumentVersions.Outcome.FAILED, reason, null);
        count(Outcome.FAILED, reason.name());
        log.atWarn()
                .addKeyValue("documentId", version.documentId())
                .addKeyValue("version", version.version())
                .addKeyValue("reason", reason)
                .addKeyValue("detail", detail)
                .log("Document version failed");
        return Outcome.FAILED;
    }

    /**
     * Reads at most one byte more than announced: an object larger than the event says is not read
     * whole.
     */
    private byte[] fetch(DocumentVersion version) {
        int limit = (int) Math.min(version.sizeBytes() + 1, Integer.MAX_VALUE - 8);
        try (InputStream in = content.get(version.storageKey())) {
            return in.readNBytes(limit);
        } catch (IOException e) {
            throw new UncheckedIOException("Content of " + version + " cannot be read", e);
        }
    }

    private static String mismatch(DocumentVersion version, byte[] bytes) {
        if (bytes.length != version.sizeBytes()) {
            return "The stored content has "
                    + (bytes.length > version.sizeBytes() ? "more than " : "")
                    + bytes.length
                    + " bytes; the version has "
                    + version.sizeBytes();
        }
        String sha256 = sha256(bytes);
        if (!sha256.equalsIgnoreCase(version.sha256())) {
            return "The stored content's SHA-256 is "
                    + sha256
                    + "; the version's is "
                    + version.sha256();
        }
        return null;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static EmbeddedChunk embedded(Chunk chunk, float[] vector) {
        return new EmbeddedChunk(
                chunk.index(),
                chunk.text(),
                chunk.sectionIndex(),
                location(chunk.location()),
                chunk.startOffset(),
                chunk.endOffset(),
                chunk.tokenCount(),
                new EmbeddingVector(vector));
    }

    static ChunkLocation location(SectionLocation location) {
        if (location instanceof SectionLocation.Page page) {
            return ChunkLocation.page(page.number());
        }
        if (location instanceof SectionLocation.Slide slide) {
            return ChunkLocation.slide(slide.number());
        }
        return ChunkLocation.headings(((SectionLocation.Headings) location).path());
    }

    /**
     * A stage as an observation: its time in the {@code aic.documents.stage} timer and, within the
     * record's trace, a span of its own ({@code document extract}, {@code document embed}, ...).
     */
    private <T> T timed(String stage, Supplier<T> work) {
        return Observation.createNotStarted("aic.documents.stage", observations)
                .contextualName("document " + stage)
                .lowCardinalityKeyValue("stage", stage)
                .observe(work);
    }

    private void count(Outcome outcome, String reason) {
        Counter.builder("aic.documents.processed")
                .description("Document versions processed, by outcome")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .tag("reason", reason)
                .register(meters)
                .increment();
    }
}
