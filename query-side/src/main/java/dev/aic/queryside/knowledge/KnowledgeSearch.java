package dev.aic.queryside.knowledge;

import dev.aic.contracts.document.EmbeddingModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ranks chunks by meaning (pgvector), by words (OpenSearch) or both fused with reciprocal rank fusion, then
 * groups them by document. Both rankings see only the searchable version's chunks the caller may read.
 */
@Component
class KnowledgeSearch {

    static final int PASSAGES_PER_DOCUMENT = 3;
    private static final Logger log = LoggerFactory.getLogger(KnowledgeSearch.class);

    private final ServingModel servingModel;
    private final VectorChunkSearch vectors;
    private final DocumentChunkIndex words;
    private final SearchProperties properties;

    KnowledgeSearch(ServingModel servingModel, VectorChunkSearch vectors, DocumentChunkIndex words,
            SearchProperties properties) {
        this.servingModel = servingModel;
        this.vectors = vectors;
        this.words = words;
        this.properties = properties;
    }

    /** Ranked chunks, best first, and how they were ranked. */
    record Ranking(SearchMode mode, EmbeddingModel model, boolean degraded, List<ChunkHit> chunks) {
    }

    SearchResults search(String q, SearchMode mode, SearchFilter filter, Audience.Reader reader, int documents) {
        Ranking ranking = chunks(q, mode, filter, reader, documents * properties.chunksPerDocument());
        return new SearchResults(mode.wire(), ranking.model() == null ? null
                : new SearchResults.ModelView(ranking.model().name(), ranking.model().fingerprint()),
                ranking.degraded() ? Boolean.TRUE : null, group(ranking.chunks(), documents));
    }

    /**
     * The best {@code size} chunks. Semantic throws {@link EmbeddingUnavailableException} when the query cannot
     * be embedded; hybrid then ranks by words alone and says so.
     */
    Ranking chunks(String q, SearchMode mode, SearchFilter filter, Audience.Reader reader, int size) {
        return switch (mode) {
            case FULLTEXT -> new Ranking(mode, null, false, words.search(q, filter, reader, size));
            case SEMANTIC -> {
                var embedding = servingModel.embedQuery(q);
                yield new Ranking(mode, embedding.model(), false,
                        vectors.nearest(embedding.vector(), embedding.model().fingerprint(), filter, reader, size));
            }
            case HYBRID -> {
                List<ChunkHit> byWords = words.search(q, filter, reader, size);
                EmbeddingClient.Embedding embedding;
                try {
                    embedding = servingModel.embedQuery(q);
                } catch (EmbeddingUnavailableException e) {
                    log.warn("Hybrid search ranks by words alone: {}", e.getMessage());
                    yield new Ranking(mode, null, true, byWords);
                }
                List<ChunkHit> byMeaning = vectors.nearest(embedding.vector(), embedding.model().fingerprint(),
                        filter, reader, size);
                yield new Ranking(mode, embedding.model(), false, fuse(byMeaning, byWords, properties.rrfK(), size));
            }
        };
    }

    /**
     * Reciprocal rank fusion: each chunk scores the sum of 1 / (k + rank) over the rankings it appears in. Ranks
     * count, not the rankings' scores, which are on scales that cannot be compared. The full-text hit's
     * highlight is kept.
     */
    static List<ChunkHit> fuse(List<ChunkHit> first, List<ChunkHit> second, int k, int size) {
        Map<String, ChunkHit> hits = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (List<ChunkHit> ranking : List.of(first, second)) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                ChunkHit hit = ranking.get(rank);
                hits.merge(hit.key(), hit, (kept, other) -> kept.highlight() == null && other.highlight() != null
                        ? kept.withHighlight(other.highlight()) : kept);
                scores.merge(hit.key(), 1.0 / (k + rank + 1), Double::sum);
            }
        }
        return hits.values().stream().map(hit -> hit.withScore(scores.get(hit.key())))
                .sorted(Comparator.comparingDouble(ChunkHit::score).reversed().thenComparing(ChunkHit::key))
                .limit(size).toList();
    }

    /** Documents in the order of their best chunk, each with up to three of its chunks, best first. */
    static List<SearchResults.DocumentResult> group(List<ChunkHit> ranked, int documents) {
        Map<UUID, List<ChunkHit>> byDocument = new LinkedHashMap<>();
        ranked.forEach(hit -> byDocument.computeIfAbsent(hit.documentId(), id -> new ArrayList<>()).add(hit));
        return byDocument.values().stream().limit(documents).map(hits -> {
            ChunkHit best = hits.get(0);
            return new SearchResults.DocumentResult(best.documentId(), best.title(), best.tags(), best.ownerId(),
                    best.version(), best.score(), hits.stream().limit(PASSAGES_PER_DOCUMENT)
                    .map(SearchResults.Passage::of).toList());
        }).toList();
    }
}
