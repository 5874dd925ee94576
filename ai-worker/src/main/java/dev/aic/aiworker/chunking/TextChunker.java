package dev.aic.aiworker.chunking;

import dev.aic.aiworker.embedding.TokenCounter;
import dev.aic.aiworker.extraction.ExtractedDocument;
import dev.aic.aiworker.extraction.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a document's sections into chunks the embedding model reads whole: each chunk holds whole
 * sentences of one section, as many as fit the token limit, and repeats the last sentences of the
 * chunk before it (the overlap) so that a thought cut by a chunk boundary is still found whole in
 * one chunk. A sentence longer than the limit on its own is split between words.
 *
 * <p>Tokens are counted with the model's own tokenizer, and every chunk is counted again as a whole
 * before it is taken, so {@link Chunk#tokenCount()} never exceeds the limit whatever the tokenizer
 * does at sentence joins.
 *
 * <p>Deterministic: the same document gives the same chunks, so a redelivered message yields chunks
 * with the same indexes and text. Safe for concurrent use.
 */
public final class TextChunker {

    private final TokenCounter counter;
    private final int maxTokens;
    private final int overlapTokens;

    /**
     * @param maxTokens the most tokens of a chunk, special tokens included; at most the model's
     *     limit
     * @param overlapTokens the most tokens of the sentences repeated from the previous chunk
     */
    public TextChunker(TokenCounter counter, int maxTokens, int overlapTokens) {
        if (maxTokens < 3 || maxTokens > counter.maxTokens()) {
            throw new IllegalArgumentException(
                    "chunks of "
                            + maxTokens
                            + " tokens do not fit the model, which reads "
                            + "up to "
                            + counter.maxTokens()
                            + " tokens");
        }
        if (overlapTokens < 0 || overlapTokens >= maxTokens) {
            throw new IllegalArgumentException(
                    "an overlap of "
                            + overlapTokens
                            + " tokens must be at least 0 and "
                            + "less than the "
                            + maxTokens
                            + " tokens of a chunk");
        }
        this.counter = counter;
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    public List<Chunk> chunk(ExtractedDocument document) {
        // the tokenizer loads on first use, not when the chunker is built
        int budget = maxTokens - counter.specialTokens();
        if (budget < 1) {
            throw new IllegalStateException(
                    "chunks of "
                            + maxTokens
                            + " tokens leave no room for text beside the "
                            + counter.specialTokens()
                            + " special tokens of the model");
        }
        List<Chunk> chunks = new ArrayList<>();
        SentenceSpans sentences = new SentenceSpans(counter, budget);
        for (Section section : document.sections()) {
            chunkSection(section, sentences.of(section.text()), budget, chunks);
        }
        return List.copyOf(chunks);
    }

    private void chunkSection(Section section, List<Span> units, int budget, List<Chunk> chunks) {
        int first = 0;
        while (first < units.size()) {
            int end = first;
            int tokens = 0;
            while (end < units.size() && tokens + units.get(end).tokens() <= budget) {
                tokens += units.get(end).tokens();
                end++;
            }
            Chunk chunk = counted(section, units, first, end, chunks.size());
            // a tokenizer may count a join differently from its parts: drop sentences until the
            // whole fits
            while (chunk.tokenCount() > maxTokens && end > first + 1) {
                end--;
                chunk = counted(section, units, first, end, chunks.size());
            }
            chunks.add(chunk);
            if (end == units.size()) {
                return;
            }
            first = overlapStart(units, first, end, budget);
        }
    }

    /**
     * Where the next chunk starts: back as many sentences as the overlap allows, leaving room for a
     * new one.
     */
    private int overlapStart(List<Span> units, int previousFirst, int end, int budget) {
        int start = end;
        int overlap = 0;
        while (start - 1 > previousFirst
                && overlap + units.get(start - 1).tokens() <= overlapTokens) {
            start--;
            overlap += units.get(start).tokens();
        }
        while (start < end && overlap + units.get(end).tokens() > budget) {
            overlap -= units.get(start).tokens();
            start++;
        }
        return start;
    }

    private Chunk counted(Section section, List<Span> units, int first, int end, int index) {
        int startOffset = units.get(first).start();
        int endOffset = units.get(end - 1).end();
        String text = section.text().substring(startOffset, endOffset);
        return new Chunk(
                index,
                text,
                section.index(),
                section.location(),
                startOffset,
                endOffset,
                counter.count(text));
    }
}
