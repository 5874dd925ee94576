package dev.aic.queryside.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A document of the knowledge hub as analysts see it in {@code analytics-documents}: its current
 * version's type and size, uploaded at {@code @timestamp}, and how its processing went: {@code
 * UPLOADED}, {@code PROCESSING}, {@code PROCESSED} (pages and chunks) or {@code FAILED} (the
 * reason), how long it took. No title, file name or owner: those name or may name people.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DocumentFacts(
        @JsonProperty("documentId") UUID id,
        @JsonProperty("@timestamp") Instant timestamp,
        int version,
        String contentType,
        long sizeBytes,
        List<String> tags,
        String visibility,
        UUID communityEventId,
        String status,
        String embeddingModel,
        Integer pages,
        Integer chunks,
        Instant processingStartedAt,
        Instant processedAt,
        Long processingMs,
        String failureReason,
        boolean deleted) {

    DocumentFacts {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    static DocumentFacts uploaded(
            UUID id,
            Instant at,
            int version,
            String contentType,
            long sizeBytes,
            List<String> tags,
            String visibility,
            UUID communityEventId) {
        return new DocumentFacts(
                id,
                at,
                version,
                contentType,
                sizeBytes,
                tags,
                visibility,
                communityEventId,
                "UPLOADED",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false);
    }

    /** A new version, or the same one sent again: its processing starts over. */
    DocumentFacts newVersion(Instant at, int version, String contentType, long sizeBytes) {
        return new DocumentFacts(
                id,
                at,
                version,
                contentType,
                sizeBytes,
                tags,
                visibility,
                communityEventId,
                "UPLOADED",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                deleted);
    }

    DocumentFacts started(Instant at, String model) {
        return new DocumentFacts(
                id,
                timestamp,
                version,
                contentType,
                sizeBytes,
                tags,
                visibility,
                communityEventId,
                "PROCESSING",
                model,
                null,
                null,
                at,
                null,
                null,
                null,
                deleted);
    }

    /** The highest page or slide a chunk came from, when the format has them. */
    DocumentFacts pagesSeen(Integer page) {
        Integer pages = this.pages;
        if (page != null) {
            pages = pages == null ? page : Integer.valueOf(Math.max(pages, page));
        }
        return new DocumentFacts(
                id,
                timestamp,
                version,
                contentType,
                sizeBytes,
                tags,
                visibility,
                communityEventId,
                status,
                embeddingModel,
                pages,
                chunks,
                processingStartedAt,
                processedAt,
                processingMs,
                failureReason,
                deleted);
    }

    DocumentFacts finished(Instant at, String status, Integer chunks, String failureReason) {
        Long took =
                processingStartedAt == null
                        ? null
                        : Duration.between(processingStartedAt, at).toMillis();
        return new DocumentFacts(
                id,
                timestamp,
                version,
                contentType,
                sizeBytes,
                tags,
                visibility,
                communityEventId,
                status,
                embeddingModel,
                pages,
                chunks,
                processingStartedAt,
                at,
                took,
                failureReason,
                deleted);
    }

    DocumentFacts asDeleted() {
        return new DocumentFacts(
                id,
                timestamp,
                version,
                contentType,
                sizeBytes,
                tags,
                visibility,
                communityEventId,
                status,
                embeddingModel,
                pages,
                chunks,
                processingStartedAt,
                processedAt,
                processingMs,
                failureReason,
                true);
    }
}
