package dev.aic.contracts.document;

/**
 * A piece of a document version with its vector: what is searched and cited. {@code section
 * text.substring(startOffset, endOffset)} is {@code text}.
 *
 * @param index the chunk's position in its document version, from 0; with the version it identifies
 *     the chunk
 * @param sectionIndex the page, slide or heading section the chunk belongs to; a chunk never spans
 *     sections
 * @param tokenCount the model's tokens for the text, at most the model's limit
 */
public record EmbeddedChunk(
        int index,
        String text,
        int sectionIndex,
        ChunkLocation location,
        int startOffset,
        int endOffset,
        int tokenCount,
        EmbeddingVector vector) {}
