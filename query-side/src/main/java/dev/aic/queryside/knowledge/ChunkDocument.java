package dev.aic.queryside.knowledge;

import java.time.Instant;
import java.util.List;

/**
 * A source of the {@code document-chunks} index: either one chunk of a document version ({@code
 * kind} {@value #CHUNK}, id {@code documentId:version:chunkIndex}) or the document's metadata
 * ({@code kind} {@value #DOCUMENT}, id {@code documentId}), which the chunks copy their title, tags
 * and audience from. The metadata document stays after a deletion, marked {@code deleted}, so a
 * redelivered event finds it gone.
 */
record ChunkDocument(
        String kind,
        String documentId,
        Integer version,
        Integer chunkIndex,
        String text,
        String title,
        List<String> tags,
        String ownerId,
        String visibility,
        String communityEventId,
        Instant createdAt,
        Integer page,
        Integer slide,
        List<String> headings,
        Integer startOffset,
        Integer endOffset,
        Boolean searchable,
        Integer searchableVersion,
        Boolean deleted) {

    static final String CHUNK = "chunk";
    static final String DOCUMENT = "document";

    static String chunkId(String documentId, int version, int chunkIndex) {
        return documentId + ":" + version + ":" + chunkIndex;
    }

    ChunkDocument completed(int completedVersion) {
        return new ChunkDocument(
                kind,
                documentId,
                version,
                chunkIndex,
                text,
                title,
                tags,
                ownerId,
                visibility,
                communityEventId,
                createdAt,
                page,
                slide,
                headings,
                startOffset,
                endOffset,
                searchable,
                completedVersion,
                deleted);
    }

    ChunkDocument markedDeleted() {
        return new ChunkDocument(
                kind,
                documentId,
                version,
                chunkIndex,
                text,
                title,
                tags,
                ownerId,
                visibility,
                communityEventId,
                createdAt,
                page,
                slide,
                headings,
                startOffset,
                endOffset,
                searchable,
                searchableVersion,
                true);
    }

    boolean isDeleted() {
        return Boolean.TRUE.equals(deleted);
    }
}
