package dev.aic.queryside.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KnowledgeSearchTest {

    static final UUID NOTES = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID BUDGET = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    static final UUID MINUTES = UUID.fromString("00000000-0000-0000-0000-00000000000c");

    @Test
    void aDocumentBothRankingsFindBeatsOneThatMeaningAloneRanksSlightlyHigher() {
        List<ChunkHit> byMeaning = List.of(hit(BUDGET, 0, 0.80, null), hit(NOTES, 1, 0.76, null));
        List<ChunkHit> byWords =
                List.of(hit(NOTES, 2, 12, "<em>x</em>"), hit(NOTES, 1, 6, "<em>y</em>"));

        var fused = HybridFusion.fuse(byMeaning, byWords, 0.8);

        // NOTES: 0.8 × 0.76 / 0.80 + 0.2 × 12 / 12; BUDGET: 0.8 × 1
        assertThat(fused.documentScores().get(NOTES)).isCloseTo(0.96, within(1e-9));
        assertThat(fused.documentScores().get(BUDGET)).isCloseTo(0.80, within(1e-9));
        // a document's chunks in the order of their own sums: chunk 1 has both (0.76 + 0.1), chunk
        // 2 words (0.2)
        assertThat(fused.chunks())
                .extracting(ChunkHit::key)
                .containsExactly(key(NOTES, 1), key(NOTES, 2), key(BUDGET, 0));
        assertThat(fused.chunks().get(0).score()).isCloseTo(0.76 + 0.1, within(1e-9));
        // the full-text ranking's highlight stays with the chunk
        assertThat(fused.chunks().get(0).highlight()).isEqualTo("<em>y</em>");
    }

    @Test
    void wordsAloneCannotLiftADocumentOverOneThatMeaningRanksWell() {
        List<ChunkHit> byMeaning = List.of(hit(BUDGET, 0, 0.62, null), hit(MINUTES, 0, 0.50, null));
        List<ChunkHit> byWords = List.of(hit(NOTES, 0, 30, "<em>z</em>"));

        var fused = HybridFusion.fuse(byMeaning, byWords, 0.8);

        assertThat(fused.chunks())
                .extracting(ChunkHit::documentId)
                .containsExactly(BUDGET, MINUTES, NOTES);
        assertThat(fused.documentScores().get(NOTES)).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void aRankingThatFoundNothingLeavesTheOtherOrderAsItWas() {
        List<ChunkHit> byMeaning = List.of(hit(BUDGET, 0, 0.7, null), hit(NOTES, 0, 0.6, null));

        var fused = HybridFusion.fuse(byMeaning, List.of(), 0.8);

        assertThat(fused.chunks()).extracting(ChunkHit::documentId).containsExactly(BUDGET, NOTES);
    }

    @Test
    void aHybridResultCarriesItsDocumentsFusedScore() {
        var fused =
                HybridFusion.fuse(
                        List.of(hit(NOTES, 0, 0.5, null)), List.of(hit(NOTES, 1, 3, null)), 0.8);

        var documents =
                KnowledgeSearch.group(
                        new KnowledgeSearch.Ranking(
                                SearchMode.HYBRID,
                                null,
                                false,
                                fused.chunks(),
                                fused.documentScores()),
                        10);

        assertThat(documents)
                .singleElement()
                .satisfies(
                        document -> {
                            assertThat(document.score()).isCloseTo(1.0, within(1e-9));
                            assertThat(document.passages())
                                    .extracting(SearchResults.Passage::chunkIndex)
                                    .containsExactly(0, 1);
                        });
    }

    @Test
    void documentsComeInTheOrderOfTheirBestChunkWithAtMostThreePassages() {
        List<ChunkHit> ranked =
                List.of(
                        hit(NOTES, 4, 0.9, null),
                        hit(BUDGET, 0, 0.8, null),
                        hit(NOTES, 1, 0.7, null),
                        hit(NOTES, 2, 0.6, null),
                        hit(NOTES, 3, 0.5, null));

        var documents = KnowledgeSearch.group(ranking(ranked), 10);

        assertThat(documents)
                .extracting(SearchResults.DocumentResult::documentId)
                .containsExactly(NOTES, BUDGET);
        assertThat(documents.get(0).score()).isEqualTo(0.9);
        assertThat(documents.get(0).passages())
                .extracting(SearchResults.Passage::chunkIndex)
                .containsExactly(4, 1, 2);
        assertThat(documents.get(0).passages().get(0).location()).isEqualTo("page 5");
        assertThat(KnowledgeSearch.group(ranking(ranked), 1)).hasSize(1);
    }

    @Test
    void anAnswerQuotesAtMostThreePassagesOfOneDocument() {
        List<ChunkHit> ranked =
                List.of(
                        hit(NOTES, 0, 0.9, null),
                        hit(NOTES, 1, 0.8, null),
                        hit(NOTES, 2, 0.7, null),
                        hit(NOTES, 3, 0.6, null),
                        hit(BUDGET, 0, 0.5, null),
                        hit(MINUTES, 0, 0.4, null));

        assertThat(Asking.passages(ranked, 5))
                .extracting(ChunkHit::key)
                .containsExactly(
                        key(NOTES, 0),
                        key(NOTES, 1),
                        key(NOTES, 2),
                        key(BUDGET, 0),
                        key(MINUTES, 0));
        assertThat(Asking.passages(ranked, 2)).hasSize(2);
    }

    @Test
    void theExtractiveAnswerCitesEachPassageAfterItsText() {
        String answer = Asking.extract(List.of(hit(NOTES, 0, 1, null), hit(BUDGET, 0, 1, null)));

        assertThat(answer).isEqualTo("Chunk 0 of the document. [1] Chunk 0 of the document. [2]");
        assertThat(Asking.extract(List.of())).isEqualTo(Asking.NOTHING_FOUND);
    }

    private static KnowledgeSearch.Ranking ranking(List<ChunkHit> chunks) {
        return new KnowledgeSearch.Ranking(SearchMode.SEMANTIC, null, false, chunks);
    }

    private static ChunkHit hit(UUID document, int chunk, double score, String highlight) {
        return new ChunkHit(
                document,
                1,
                chunk,
                "Chunk " + chunk + " of the\n document.",
                highlight,
                chunk + 1,
                null,
                null,
                0,
                10,
                score,
                "Title",
                List.of(),
                UUID.randomUUID());
    }

    private static String key(UUID document, int chunk) {
        return ChunkDocument.chunkId(document.toString(), 1, chunk);
    }
}
