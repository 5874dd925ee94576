package dev.aic.aiworker.chunking;

import dev.aic.aiworker.extraction.SectionLocation;

/**
 * A piece of one section, small enough for the embedding model to read whole: what is embedded,
 * searched and cited. {@code section.text().substring(startOffset, endOffset)} is exactly {@link
 * #text}.
 *
 * @param index the chunk's position in its document, from 0; with the document version it
 *     identifies the chunk
 * @param sectionIndex the section the chunk belongs to; a chunk never spans sections
 * @param location the section's page, slide or heading path
 * @param startOffset the first character of the chunk in its section's text
 * @param endOffset the character after the chunk's last one in its section's text
 * @param tokenCount the model's tokens for the text, special tokens included; at most the model's
 *     limit
 */
public record Chunk(
        int index,
        String text,
        int sectionIndex,
        SectionLocation location,
        int startOffset,
        int endOffset,
        int tokenCount) {}
