package dev.aic.queryside.knowledge;

import java.util.List;
import java.util.UUID;

/**
 * An answer to a question with the passages it rests on. {@code answer} cites them as [n].
 *
 * @param generated true when a language model wrote the answer from the passages; false when the
 *     answer is the passages themselves
 * @param degraded true when the query could not be embedded and the passages were found by words
 *     alone
 */
record Answer(String answer, List<Citation> citations, boolean generated, Boolean degraded) {

    /**
     * A cited passage: where it is, and its text.
     *
     * @param source the original bytes of the passage's version (GET, relative to the query-side),
     *     with {@code #page=N} on a PDF page
     */
    record Citation(
            int n,
            UUID documentId,
            String title,
            int version,
            Integer page,
            Integer slide,
            List<String> headings,
            String location,
            int startOffset,
            int endOffset,
            String text,
            String source) {

        static Citation of(int n, ChunkHit hit) {
            return new Citation(
                    n,
                    hit.documentId(),
                    hit.title(),
                    hit.version(),
                    hit.page(),
                    hit.slide(),
                    hit.headings(),
                    SearchResults.location(hit),
                    hit.startOffset(),
                    hit.endOffset(),
                    hit.text(),
                    SearchResults.source(hit));
        }
    }
}
