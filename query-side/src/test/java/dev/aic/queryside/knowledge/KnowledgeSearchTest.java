package dev.aic.queryside.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KnowledgeSearchTest {

    static final UUID NOTES = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID BUDGET = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @Test
    void aChunkBothRankingsFindBeatsOneThatOnlyOneRanksFirst() {
        List<ChunkHit> byMeaning = List.of(hit(BUDGET, 0, 0.9, null), hit(NOTES, 1, 0.5, null));
        List<ChunkHit> byWords = List.of(hit(NOTES, 2, 12, "<em>x</em>"), hit(NOTES, 1, 8, "<em>y</em>"));

        List<ChunkHit> fused = KnowledgeSearch.fuse(byMeaning, byWords, 60, 10);

        // the two first places tie, and are taken in key order
        assertThat(fused).extracting(ChunkHit::key).containsExactly(key(NOTES, 1), key(NOTES, 2), key(BUDGET, 0));
        assertThat(fused.get(0).score()).isEqualTo(1.0 / 62 + 1.0 / 62);
        assertThat(fused.get(1).score()).isEqualTo(1.0 / 61);
        // the full-text ranking's highlight stays with the chunk
        assertThat(fused.get(0).highlight()).isEqualTo("<em>y</em>");
    }

    @Test
    void fusionKeepsOnlyTheBestChunksAsked() {
        List<ChunkHit> fused = KnowledgeSearch.fuse(List.of(hit(NOTES, 0, 1, null), hit(NOTES, 1, 1, null)),
                List.of(hit(BUDGET, 0, 1, null)), 60, 2);

        assertThat(fused).hasSize(2);
    }

    @Test
    void documentsComeInTheOrderOfTheirBestChunkWithAtMostThreePassages() {
        List<ChunkHit> ranked = List.of(hit(NOTES, 4, 0.9, null), hit(BUDGET, 0, 0.8, null), hit(NOTES, 1, 0.7, null),
                hit(NOTES, 2, 0.6, null), hit(NOTES, 3, 0.5, null));

        var documents = KnowledgeSearch.group(ranked, 10);

        assertThat(documents).extracting(SearchResults.DocumentResult::documentId).containsExactly(NOTES, BUDGET);
        assertThat(documents.get(0).score()).isEqualTo(0.9);
        assertThat(documents.get(0).passages()).extracting(SearchResults.Passage::chunkIndex).containsExactly(4, 1, 2);
        assertThat(documents.get(0).passages().get(0).location()).isEqualTo("page 5");
        assertThat(KnowledgeSearch.group(ranked, 1)).hasSize(1);
    }

    @Test
    void theExtractiveAnswerCitesEachPassageAfterItsText() {
        String answer = Asking.extract(List.of(hit(NOTES, 0, 1, null), hit(BUDGET, 0, 1, null)));

        assertThat(answer).isEqualTo("Chunk 0 of the document. [1] Chunk 0 of the document. [2]");
        assertThat(Asking.extract(List.of())).isEqualTo(Asking.NOTHING_FOUND);
    }

    private static ChunkHit hit(UUID document, int chunk, double score, String highlight) {
        return new ChunkHit(document, 1, chunk, "Chunk " + chunk + " of the\n document.", highlight, chunk + 1, null,
                null, 0, 10, score, "Title", List.of(), UUID.randomUUID());
    }

    private static String key(UUID document, int chunk) {
        return ChunkDocument.chunkId(document.toString(), 1, chunk);
    }
}
