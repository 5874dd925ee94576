package dev.aic.queryside.knowledge;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the knowledge search ranks.
 *
 * @param efSearch pgvector's HNSW candidate list per query ({@code hnsw.ef_search}); with iterative scans a
 *                 selective filter keeps scanning instead of returning fewer rows
 * @param overfetch how many times k rows the filtered vector walk collects before keeping the k nearest
 * @param chunksPerDocument how many chunks each ranking fetches per requested document, before grouping
 * @param rrfK the constant of reciprocal rank fusion: 1 / (k + rank)
 */
@ConfigurationProperties("aic.search")
record SearchProperties(Integer efSearch, Integer overfetch, Integer chunksPerDocument, Integer rrfK) {

    SearchProperties {
        efSearch = efSearch == null ? 100 : efSearch;
        overfetch = overfetch == null ? 5 : overfetch;
        chunksPerDocument = chunksPerDocument == null ? 5 : chunksPerDocument;
        rrfK = rrfK == null ? 60 : rrfK;
    }
}
