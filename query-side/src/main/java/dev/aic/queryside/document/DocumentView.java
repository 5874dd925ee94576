package dev.aic.queryside.document;

import dev.aic.contracts.document.DocumentVisibility;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A document's metadata and how processing its current version stands. */
record DocumentView(
        UUID id,
        String title,
        List<String> tags,
        DocumentVisibility visibility,
        @Schema(
                        description =
                                "set for EVENT_ATTENDEES documents: the community event whose attendees read it")
                UUID communityEventId,
        @Schema(description = "the uploader's user id") UUID owner,
        int currentVersion,
        String contentType,
        long sizeBytes,
        String originalFilename,
        Instant createdAt,
        Instant updatedAt,
        ProcessingStatus processing,
        @Schema(
                        description =
                                "whether search answers from this document: some version of it is completely indexed")
                boolean searchable,
        @Schema(description = "the version search answers from; absent until one is indexed")
                Integer searchableVersion,
        @Schema(description = "the sequence number of the last event applied: the ETag")
                long version) {}
