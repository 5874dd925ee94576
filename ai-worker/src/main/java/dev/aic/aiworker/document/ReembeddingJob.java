package dev.aic.aiworker.document;

import dev.aic.aiworker.embedding.EmbeddingModelVersion;
import dev.aic.aiworker.embedding.EmbeddingModels;
import dev.aic.aiworker.embedding.TextEmbedder;
import dev.aic.messaging.PoisonRecordException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Re-embeds the corpus after a model switch: the latest version of every document that is not
 * deleted and has no run with the active model's fingerprint is processed again, one at a time,
 * with the same code as a new version. Its reports carry the new model, so the command-side records
 * the new vectors beside the old ones until search moves over.
 *
 * <p>A document the listener is processing is left for the next run; a version is checked again
 * just before it is processed, so one finished meanwhile is not repeated.
 */
@Component
class ReembeddingJob {

    private static final Logger log = LoggerFactory.getLogger(ReembeddingJob.class);

    private final DocumentVersions versions;
    private final DocumentProcessor processor;
    private final DocumentLocks locks;
    private final TextEmbedder embedder;
    private final FailedProcessingReporter failures;

    ReembeddingJob(
            DocumentVersions versions,
            DocumentProcessor processor,
            DocumentLocks locks,
            EmbeddingModels models,
            FailedProcessingReporter failures) {
        this.versions = versions;
        this.processor = processor;
        this.locks = locks;
        this.embedder = models.active();
        this.failures = failures;
    }

    /**
     * @return how many versions were processed to a final report in this run
     */
    int run() {
        EmbeddingModelVersion model = embedder.model();
        List<DocumentVersion> pending = versions.withoutRun(model.fingerprint());
        if (pending.isEmpty()) {
            log.atDebug().addKeyValue("model", model.name()).log("Nothing to re-embed");
            return 0;
        }
        log.atInfo()
                .addKeyValue("model", model.name())
                .addKeyValue("fingerprint", model.fingerprint())
                .addKeyValue("versions", pending.size())
                .log("Re-embedding " + pending.size() + " document versions");
        int processed = 0;
        for (int k = 0; k < pending.size(); k++) {
            DocumentVersion version = pending.get(k);
            String progress =
                    "Re-embedding " + (k + 1) + "/" + pending.size() + " for model " + model.name();
            try {
                Optional<DocumentProcessor.Outcome> outcome =
                        locks.ifFree(
                                version.documentId(),
                                () ->
                                        versions.stillWithoutRun(version, model.fingerprint())
                                                ? counted(version)
                                                : null);
                log.atInfo()
                        .addKeyValue("documentId", version.documentId())
                        .addKeyValue("version", version.version())
                        .addKeyValue("outcome", outcome.map(Enum::name).orElse("LEFT_FOR_LATER"))
                        .log(progress);
                if (outcome.isPresent()) {
                    processed++;
                }
            } catch (RuntimeException e) {
                // the version keeps no run, so the next run tries it again
                log.atError()
                        .setCause(e)
                        .addKeyValue("documentId", version.documentId())
                        .addKeyValue("version", version.version())
                        .log(progress + " failed");
            }
        }
        return processed;
    }

    /**
     * Counted by version: one that took the worker down too often is reported and not tried again.
     */
    private DocumentProcessor.Outcome counted(DocumentVersion version) {
        try {
            return processor.processCounted(version);
        } catch (PoisonRecordException crash) {
            failures.reportCrashed(version, crash);
            return DocumentProcessor.Outcome.FAILED;
        }
    }
}
