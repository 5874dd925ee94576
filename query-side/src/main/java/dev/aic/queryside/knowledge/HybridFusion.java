package dev.aic.queryside.knowledge;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fuses the ranking by meaning with the ranking by words into one, document by document.
 *
 * <p>Each ranking's scores are divided by its best one, so cosine similarity and BM25 both run to
 * 1, and a document scores {@code weight × its best chunk by meaning + (1 − weight) × its best
 * chunk by words} (0 where a ranking did not find it). Its chunks follow in the order of the same
 * sum taken chunk by chunk. Measured on the search-quality benchmark (docs/knowledge-hub.md):
 * fusing documents rather than chunks, and scores rather than ranks, is what made hybrid better
 * than either mode alone; reciprocal rank fusion of chunks gave the words' weak rankings as much
 * say as the vectors' strong ones and lost what the vectors had first.
 */
final class HybridFusion {

    private HybridFusion() {}

    /** Chunks, best document first, and each document's fused score. */
    record Fused(List<ChunkHit> chunks, Map<UUID, Double> documentScores) {}

    static Fused fuse(List<ChunkHit> byMeaning, List<ChunkHit> byWords, double meaningWeight) {
        Map<String, ChunkHit> hits = new LinkedHashMap<>();
        Map<String, Double> chunkScores = new HashMap<>();
        Map<UUID, Double> documentScores = new HashMap<>();
        for (var ranking :
                List.of(
                        new Weighted(byMeaning, meaningWeight),
                        new Weighted(byWords, 1 - meaningWeight))) {
            double best = ranking.hits().stream().mapToDouble(ChunkHit::score).max().orElse(1);
            Map<UUID, Double> bestOfDocument = new HashMap<>();
            for (ChunkHit hit : ranking.hits()) {
                double share = ranking.weight() * (best > 0 ? Math.max(hit.score(), 0) / best : 0);
                hits.merge(
                        hit.key(),
                        hit,
                        (kept, other) ->
                                kept.highlight() == null && other.highlight() != null
                                        ? kept.withHighlight(other.highlight())
                                        : kept);
                chunkScores.merge(hit.key(), share, Double::sum);
                bestOfDocument.merge(hit.documentId(), share, Math::max);
            }
            bestOfDocument.forEach(
                    (document, share) -> documentScores.merge(document, share, Double::sum));
        }
        Comparator<ChunkHit> byDocument =
                Comparator.comparing((ChunkHit hit) -> documentScores.get(hit.documentId()))
                        .reversed()
                        .thenComparing(hit -> hit.documentId().toString());
        List<ChunkHit> chunks =
                hits.values().stream()
                        .map(hit -> hit.withScore(chunkScores.get(hit.key())))
                        .sorted(
                                byDocument
                                        .thenComparing(
                                                Comparator.comparingDouble(ChunkHit::score)
                                                        .reversed())
                                        .thenComparing(ChunkHit::key))
                        .toList();
        return new Fused(chunks, Map.copyOf(documentScores));
    }

    private record Weighted(List<ChunkHit> hits, double weight) {}
}
