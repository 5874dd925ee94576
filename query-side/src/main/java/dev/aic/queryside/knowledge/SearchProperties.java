package dev.aic.queryside.knowledge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
record SearchProperties(@DefaultValue("100") int efSearch, @DefaultValue("5") int overfetch,
                        @DefaultValue("5") int chunksPerDocument, @DefaultValue("60") int rrfK) {
}
