package dev.aic.queryside.knowledge;

import dev.aic.contracts.document.ChunkLocation;
import dev.aic.queryside.document.DocumentSources;
import java.util.List;
import java.util.UUID;

/**
 * A search's answer: documents, best first, each with its best passages.
 *
 * @param model the embedding model the query was compared with (semantic and hybrid)
 * @param degraded true when a hybrid search could not embed the query and ranked by words alone
 */
record SearchResults(String mode, ModelView model, Boolean degraded, List<DocumentResult> results) {

    /** The serving embedding model. */
    record ModelView(String name, String fingerprint) {}

    /** A document that matched, with the version its passages come from. */
    record DocumentResult(
            UUID documentId,
            String title,
            List<String> tags,
            UUID ownerId,
            int version,
            double score,
            List<Passage> passages) {}

    /**
     * A chunk of the document; {@code text.substring} of the version's section between the offsets.
     *
     * @param text plain text, as the document has it (markup included): never to be rendered as
     *     HTML
     * @param highlight an HTML fragment: the text's best fragment, escaped, with matched words in
     *     {@code <em>} (full-text matches only; semantic matches have none)
     * @param location for people: "page 3", "slide 2", "A > B"
     * @param source the original bytes of the passage's version (GET, relative to the query-side),
     *     with {@code #page=N} on a PDF page
     */
    record Passage(
            int chunkIndex,
            String text,
            String highlight,
            Integer page,
            Integer slide,
            List<String> headings,
            String location,
            int startOffset,
            int endOffset,
            double score,
            String source) {

        static Passage of(ChunkHit hit) {
            return new Passage(
                    hit.chunkIndex(),
                    hit.text(),
                    hit.highlight(),
                    hit.page(),
                    hit.slide(),
                    hit.headings(),
                    SearchResults.location(hit),
                    hit.startOffset(),
                    hit.endOffset(),
                    hit.score(),
                    SearchResults.source(hit));
        }
    }

    static String source(ChunkHit hit) {
        return DocumentSources.of(hit.documentId(), hit.version(), hit.page());
    }

    static String location(ChunkHit hit) {
        return new ChunkLocation(hit.page(), hit.slide(), hit.headings()).describe();
    }
}
