package dev.aic.queryside.knowledge;

import dev.aic.contracts.document.EmbeddingModel;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Ranks chunks by meaning (pgvector), by words (OpenSearch) or both ({@link HybridFusion}), then
 * groups them by document. Both rankings see only the searchable version's chunks the caller may
 * read.
 */
@Component
class KnowledgeSearch {

    static final int PASSAGES_PER_DOCUMENT = 3;
    private static final Logger log = LoggerFactory.getLogger(KnowledgeSearch.class);

    private final ServingModel servingModel;
    private final VectorChunkSearch vectors;
    private final DocumentChunkIndex words;
    private final SearchProperties properties;
    // a full pool runs the words' search on the request's thread instead, one ranking after the
    // other, as before; the context (trace, caller) follows the task
    private final ExecutorService wordSearches =
            ContextExecutorService.wrap(
                    new ThreadPoolExecutor(
                            0,
                            16,
                            30,
                            TimeUnit.SECONDS,
                            new SynchronousQueue<>(),
                            new CustomizableThreadFactory("word-search-"),
                            new ThreadPoolExecutor.CallerRunsPolicy()),
                    ContextSnapshotFactory.builder().build()::captureAll);

    KnowledgeSearch(
            ServingModel servingModel,
            VectorChunkSearch vectors,
            DocumentChunkIndex words,
            SearchProperties properties) {
        this.servingModel = servingModel;
        this.vectors = vectors;
        this.words = words;
        this.properties = properties;
    }

    /**
     * Ranked chunks, best document first, and how they were ranked.
     *
     * @param documentScores each document's score where it is not its best chunk's (hybrid); empty
     *     otherwise
     */
    record Ranking(
            SearchMode mode,
            EmbeddingModel model,
            boolean degraded,
            List<ChunkHit> chunks,
            Map<UUID, Double> documentScores) {

        Ranking(SearchMode mode, EmbeddingModel model, boolean degraded, List<ChunkHit> chunks) {
            this(mode, model, degraded, chunks, Map.of());
        }
    }

    SearchResults search(
            String q, SearchMode mode, SearchFilter filter, Audience.Reader reader, int documents) {
        Ranking ranking =
                chunks(q, mode, filter, reader, documents * properties.chunksPerDocument());
        return new SearchResults(
                mode.wire(),
                ranking.model() == null
                        ? null
                        : new SearchResults.ModelView(
                                ranking.model().name(), ranking.model().fingerprint()),
                ranking.degraded() ? Boolean.TRUE : null,
                group(ranking, documents));
    }

    /**
     * The best {@code size} chunks (hybrid: of the best documents, whole). Semantic throws {@link
     * EmbeddingUnavailableException} when the query cannot be embedded; hybrid then ranks by words
     * alone and says so. Hybrid lets each mode look at least {@code hybridCandidates} documents
     * deep, because a document the other mode ranks high is often far down this one's list.
     */
    Ranking chunks(
            String q, SearchMode mode, SearchFilter filter, Audience.Reader reader, int size) {
        return switch (mode) {
            case FULLTEXT -> new Ranking(mode, null, false, words.search(q, filter, reader, size));
            case SEMANTIC -> {
                var embedding = servingModel.embedQuery(q);
                yield new Ranking(
                        mode,
                        embedding.model(),
                        false,
                        vectors.nearest(
                                embedding.vector(),
                                embedding.model().fingerprint(),
                                filter,
                                reader,
                                size));
            }
            case HYBRID -> hybrid(q, filter, reader, size);
        };
    }

    /**
     * Both rankings, side by side: the words' on {@link #wordSearches} while this thread embeds the
     * query and asks pgvector. The words' are fetched without highlights and only the chunks shown
     * get them, in a second, small request.
     */
    private Ranking hybrid(String q, SearchFilter filter, Audience.Reader reader, int size) {
        int candidates =
                Math.max(size, properties.hybridCandidates() * properties.chunksPerDocument());
        CompletableFuture<List<ChunkHit>> byWordsSearch =
                CompletableFuture.supplyAsync(
                        () -> words.candidates(q, filter, reader, candidates), wordSearches);
        EmbeddingClient.Embedding embedding;
        try {
            embedding = servingModel.embedQuery(q);
        } catch (EmbeddingUnavailableException e) {
            log.warn("Hybrid search ranks by words alone: {}", e.getMessage());
            List<ChunkHit> shown = join(byWordsSearch).stream().limit(size).toList();
            return new Ranking(SearchMode.HYBRID, null, true, words.highlighted(q, shown));
        }
        List<ChunkHit> byMeaning =
                vectors.nearest(
                        embedding.vector(),
                        embedding.model().fingerprint(),
                        filter,
                        reader,
                        candidates,
                        candidates);
        var fused = HybridFusion.fuse(byMeaning, join(byWordsSearch), properties.semanticWeight());
        List<ChunkHit> shown =
                atMostPerDocument(fused.chunks(), properties.chunksPerDocument(), size);
        return new Ranking(
                SearchMode.HYBRID,
                embedding.model(),
                false,
                words.highlighted(q, shown),
                fused.documentScores());
    }

    private static <T> T join(CompletableFuture<T> search) {
        try {
            return search.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        wordSearches.shutdown();
    }

    /**
     * The first {@code limit} chunks, at most {@code perDocument} of one document: a ranking that
     * keeps a document's chunks together would otherwise spend the whole limit on its first
     * documents.
     */
    static List<ChunkHit> atMostPerDocument(List<ChunkHit> ranked, int perDocument, int limit) {
        Map<UUID, Integer> taken = new HashMap<>();
        return ranked.stream()
                .filter(hit -> taken.merge(hit.documentId(), 1, Integer::sum) <= perDocument)
                .limit(limit)
                .toList();
    }

    /**
     * Documents in the order of their first chunk, each with up to three of its chunks in ranking
     * order, scored as the ranking scores documents.
     */
    static List<SearchResults.DocumentResult> group(Ranking ranking, int documents) {
        Map<UUID, List<ChunkHit>> byDocument = new LinkedHashMap<>();
        ranking.chunks()
                .forEach(
                        hit ->
                                byDocument
                                        .computeIfAbsent(hit.documentId(), id -> new ArrayList<>())
                                        .add(hit));
        return byDocument.values().stream()
                .limit(documents)
                .map(
                        hits -> {
                            ChunkHit best = hits.get(0);
                            return new SearchResults.DocumentResult(
                                    best.documentId(),
                                    best.title(),
                                    best.tags(),
                                    best.ownerId(),
                                    best.version(),
                                    ranking.documentScores()
                                            .getOrDefault(best.documentId(), best.score()),
                                    hits.stream()
                                            .limit(PASSAGES_PER_DOCUMENT)
                                            .map(SearchResults.Passage::of)
                                            .toList());
                        })
                .toList();
    }
}
