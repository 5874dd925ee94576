package dev.aic.queryside.knowledge;

import java.util.List;
import java.util.UUID;

/**
 * One chunk a search ranked, with the document facts a result shows. {@code score} is the ranking's
 * own: cosine similarity for vectors, BM25 for full text, the fused score for hybrid.
 */
record ChunkHit(
        UUID documentId,
        int version,
        int chunkIndex,
        String text,
        String highlight,
        Integer page,
        Integer slide,
        List<String> headings,
        int startOffset,
        int endOffset,
        double score,
        String title,
        List<String> tags,
        UUID ownerId) {

    /** The same chunk whichever model embedded it. */
    String key() {
        return ChunkDocument.chunkId(documentId.toString(), version, chunkIndex);
    }

    ChunkHit withScore(double newScore) {
        return new ChunkHit(
                documentId,
                version,
                chunkIndex,
                text,
                highlight,
                page,
                slide,
                headings,
                startOffset,
                endOffset,
                newScore,
                title,
                tags,
                ownerId);
    }

    ChunkHit withHighlight(String newHighlight) {
        return new ChunkHit(
                documentId,
                version,
                chunkIndex,
                text,
                newHighlight,
                page,
                slide,
                headings,
                startOffset,
                endOffset,
                score,
                title,
                tags,
                ownerId);
    }
}
