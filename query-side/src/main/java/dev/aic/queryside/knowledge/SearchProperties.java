package dev.aic.queryside.knowledge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the knowledge search ranks.
 *
 * @param efSearch pgvector's HNSW candidate list per query ({@code hnsw.ef_search}); with iterative
 *     scans a selective filter keeps scanning instead of returning fewer rows
 * @param overfetch how many times k rows the filtered vector walk collects before keeping the k
 *     nearest
 * @param chunksPerDocument how many chunks each ranking fetches per requested document, before
 *     grouping
 * @param hybridCandidates how many documents deep each mode looks, at least, before hybrid fuses
 *     them
 * @param semanticWeight the share of meaning in a hybrid score, the rest being words' (both scaled
 *     to their ranking's best); 0.8 won on the search-quality benchmark (docs/knowledge-hub.md)
 */
@ConfigurationProperties("aic.search")
record SearchProperties(
        @DefaultValue("100") int efSearch,
        @DefaultValue("5") int overfetch,
        @DefaultValue("5") int chunksPerDocument,
        @DefaultValue("50") int hybridCandidates,
        @DefaultValue("0.8") double semanticWeight) {

    SearchProperties {
        if (semanticWeight < 0 || semanticWeight > 1) {
            throw new IllegalArgumentException(
                    "aic.search.semantic-weight is a share, from 0 to 1: " + semanticWeight);
        }
    }
}
