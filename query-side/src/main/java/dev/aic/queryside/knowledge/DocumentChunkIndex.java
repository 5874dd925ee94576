package dev.aic.queryside.knowledge;

import static dev.aic.queryside.search.Mappings.BOOLEAN;
import static dev.aic.queryside.search.Mappings.DATE;
import static dev.aic.queryside.search.Mappings.INTEGER;
import static dev.aic.queryside.search.Mappings.KEYWORD;
import static dev.aic.queryside.search.Queries.allOf;
import static dev.aic.queryside.search.Queries.anyOf;
import static dev.aic.queryside.search.Queries.lessThan;
import static dev.aic.queryside.search.Queries.match;
import static dev.aic.queryside.search.Queries.matchPhrase;
import static dev.aic.queryside.search.Queries.range;
import static dev.aic.queryside.search.Queries.term;
import static dev.aic.queryside.search.Queries.terms;

import dev.aic.queryside.search.OpenSearchProperties;
import dev.aic.queryside.search.VersionedIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.IdsQuery;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.search.Highlight;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;
import org.opensearch.client.opensearch.core.search.Hit;
import org.springframework.stereotype.Component;

/**
 * The {@code document-chunks} OpenSearch index: every chunk of a document's versions for full-text
 * search, and one metadata document per document that the chunks copy their title, tags and
 * audience from. Writes go straight to OpenSearch, refreshed, in event order: a version's
 * completion must find the chunks that earlier events of the same batch created.
 */
@Component
class DocumentChunkIndex {

    static final String NAME = "document-chunks";
    // 2: headings longer than a keyword term may be are kept in _source but not indexed (a hostile
    // document's
    // heading of 20,000 characters was refused by OpenSearch and stopped the projection)
    private static final int VERSION = 2;
    private static final int PAGE = 500;

    private final OpenSearchClient client;
    private final VersionedIndex index;
    private final boolean needsFilling;

    DocumentChunkIndex(OpenSearchClient client, OpenSearchProperties properties) {
        this.client = client;
        this.index =
                new VersionedIndex(
                        client,
                        properties.alias(NAME),
                        VERSION,
                        definition ->
                                definition.mappings(
                                        mapping ->
                                                mapping.dynamic(DynamicMapping.Strict)
                                                        .properties("kind", KEYWORD)
                                                        .properties("documentId", KEYWORD)
                                                        .properties("version", INTEGER)
                                                        .properties("chunkIndex", INTEGER)
                                                        // stemmed for recall; "exact" keeps every
                                                        // word as written, for phrases in quotes
                                                        .properties(
                                                                "text",
                                                                p ->
                                                                        p.text(
                                                                                t ->
                                                                                        t.analyzer(
                                                                                                        "english")
                                                                                                .fields(
                                                                                                        "exact",
                                                                                                        exact ->
                                                                                                                exact
                                                                                                                        .text(
                                                                                                                                x ->
                                                                                                                                        x
                                                                                                                                                .analyzer(
                                                                                                                                                        "standard")))))
                                                        .properties(
                                                                "title",
                                                                p ->
                                                                        p.text(
                                                                                t ->
                                                                                        t.analyzer(
                                                                                                "english")))
                                                        .properties("tags", KEYWORD)
                                                        .properties("ownerId", KEYWORD)
                                                        .properties("visibility", KEYWORD)
                                                        .properties("communityEventId", KEYWORD)
                                                        .properties("createdAt", DATE)
                                                        .properties("page", INTEGER)
                                                        .properties("slide", INTEGER)
                                                        .properties(
                                                                "headings",
                                                                p ->
                                                                        p.keyword(
                                                                                k ->
                                                                                        k
                                                                                                .ignoreAbove(
                                                                                                        512)))
                                                        .properties("startOffset", INTEGER)
                                                        .properties("endOffset", INTEGER)
                                                        .properties("searchable", BOOLEAN)
                                                        .properties("searchableVersion", INTEGER)
                                                        .properties("deleted", BOOLEAN)));
        this.needsFilling = index.ensureCurrent();
    }

    boolean needsFilling() {
        return needsFilling;
    }

    String alias() {
        return index.alias();
    }

    /**
     * A document's metadata and its external version (the sequence number + 1 of the event that
     * wrote it).
     */
    record Metadata(ChunkDocument document, long version) {}

    Optional<Metadata> metadata(UUID documentId) {
        try {
            var found =
                    client.get(
                            g -> g.index(index.target()).id(documentId.toString()),
                            ChunkDocument.class);
            return found.found()
                    ? Optional.of(new Metadata(found.source(), found.version()))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the metadata unless a later (or the same) event already did. */
    void putMetadata(UUID documentId, ChunkDocument metadata, long externalVersion) {
        index.bulk(
                List.of(
                        BulkOperation.of(
                                operation ->
                                        operation.index(
                                                i ->
                                                        i.index(index.target())
                                                                .id(documentId.toString())
                                                                .document(metadata)
                                                                .versionType(VersionType.External)
                                                                .version(externalVersion)))));
    }

    /**
     * Creates the chunks that are not indexed yet; one already there (redelivery, another model)
     * stays as it is.
     */
    void createChunks(List<ChunkDocument> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        List<BulkOperation> operations = new ArrayList<>();
        for (ChunkDocument chunk : chunks) {
            String id =
                    ChunkDocument.chunkId(chunk.documentId(), chunk.version(), chunk.chunkIndex());
            operations.add(
                    BulkOperation.of(
                            o -> o.create(c -> c.index(index.target()).id(id).document(chunk))));
        }
        index.bulk(operations);
    }

    /**
     * The version's chunks become searchable and those of older versions go. A page of matching
     * chunks at a time, by bulk requests (the OpenSearch we run has no reindex module, so no
     * update- or delete-by-query); each page changes what the query matches, so the next search
     * finds the rest.
     */
    void complete(UUID documentId, int version) {
        Query notYetSearchable =
                BoolQuery.of(
                                b ->
                                        b.filter(chunksOf(documentId), term("version", version))
                                                .mustNot(term("searchable", true)))
                        .toQuery();
        index.changeEachMatching(
                notYetSearchable,
                PAGE,
                id ->
                        BulkOperation.of(
                                operation ->
                                        operation.update(
                                                u ->
                                                        u.index(index.target())
                                                                .id(id)
                                                                .document(
                                                                        Map.of(
                                                                                "searchable",
                                                                                true)))));
        Query older = allOf(chunksOf(documentId), lessThan("version", version));
        index.changeEachMatching(
                older,
                PAGE,
                id ->
                        BulkOperation.of(
                                operation ->
                                        operation.delete(d -> d.index(index.target()).id(id))));
    }

    /** Removes every chunk of the document. */
    void deleteChunks(UUID documentId) {
        index.changeEachMatching(
                chunksOf(documentId),
                PAGE,
                id ->
                        BulkOperation.of(
                                operation ->
                                        operation.delete(d -> d.index(index.target()).id(id))));
    }

    /** Empties the index for a replay from the start of the event store. */
    void clear() {
        index.recreate();
    }

    /**
     * The searchable chunks best matching {@code text} (BM25 on the stemmed text, an exact phrase
     * on the unstemmed one counting double) that the reader may see, with the matched words
     * highlighted in an HTML fragment whose only markup is {@code <em>} (the text's own {@code <},
     * {@code &} … are escaped).
     */
    List<ChunkHit> search(String text, SearchFilter filter, Audience.Reader reader, int size) {
        return hits(matching(text, filter, reader), size, true);
    }

    /**
     * The same ranking without highlights: hybrid search looks hundreds of chunks deep and shows a
     * few, and highlighting is most of what a deep search costs OpenSearch (docs/knowledge-hub.md).
     */
    List<ChunkHit> candidates(String text, SearchFilter filter, Audience.Reader reader, int size) {
        return hits(matching(text, filter, reader), size, false);
    }

    /** {@code chunks} with {@code text}'s words highlighted in those that contain them. */
    List<ChunkHit> highlighted(String text, List<ChunkHit> chunks) {
        if (chunks.isEmpty()) {
            return chunks;
        }
        List<String> ids = chunks.stream().map(ChunkHit::key).toList();
        Query these =
                BoolQuery.of(
                                b ->
                                        b.must(match("text", text))
                                                .filter(IdsQuery.of(i -> i.values(ids)).toQuery()))
                        .toQuery();
        Map<String, String> highlights = new HashMap<>();
        hits(these, ids.size(), true)
                .forEach(
                        hit -> {
                            if (hit.highlight() != null) {
                                highlights.put(hit.key(), hit.highlight());
                            }
                        });
        return chunks.stream()
                .map(
                        chunk ->
                                highlights.containsKey(chunk.key())
                                        ? chunk.withHighlight(highlights.get(chunk.key()))
                                        : chunk)
                .toList();
    }

    private static Query matching(String text, SearchFilter filter, Audience.Reader reader) {
        List<Query> filters = new ArrayList<>();
        filters.add(term("kind", ChunkDocument.CHUNK));
        filters.add(term("searchable", true));
        audience(reader).ifPresent(filters::add);
        filters.addAll(filters(filter));
        return BoolQuery.of(
                        b ->
                                b.must(match("text", text))
                                        .should(matchPhrase("text.exact", text, 2.0f))
                                        .filter(filters))
                .toQuery();
    }

    private List<ChunkHit> hits(Query query, int size, boolean highlight) {
        try {
            var response =
                    client.search(
                            s -> {
                                s.index(index.alias()).size(size).query(query);
                                return highlight ? s.highlight(EM_HIGHLIGHT) : s;
                            },
                            ChunkDocument.class);
            return response.hits().hits().stream().map(DocumentChunkIndex::hit).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // html: the document's own text is escaped, so <em> is the only markup a client renders
    private static final Highlight EM_HIGHLIGHT =
            Highlight.of(
                    h ->
                            h.encoder(HighlighterEncoder.Html)
                                    .preTags("<em>")
                                    .postTags("</em>")
                                    .fields("text", f -> f.numberOfFragments(1).fragmentSize(240)));

    private static Query chunksOf(UUID documentId) {
        return allOf(
                List.of(
                        term("kind", ChunkDocument.CHUNK),
                        term("documentId", documentId.toString())));
    }

    /**
     * What the reader may see (nothing to add for one who sees everything): public and members'
     * documents, their own, and those of the events they attend.
     */
    private static Optional<Query> audience(Audience.Reader reader) {
        if (reader.everything()) {
            return Optional.empty();
        }
        List<Query> visible = new ArrayList<>();
        visible.add(terms("visibility", List.of("PUBLIC", "MEMBERS")));
        reader.userId().ifPresent(me -> visible.add(term("ownerId", me.toString())));
        if (!reader.events().isEmpty()) {
            visible.add(
                    allOf(
                            term("visibility", "EVENT_ATTENDEES"),
                            terms(
                                    "communityEventId",
                                    reader.events().stream().map(UUID::toString).toList())));
        }
        return Optional.of(anyOf(visible));
    }

    private static List<Query> filters(SearchFilter filter) {
        List<Query> filters = new ArrayList<>();
        filter.tags().forEach(tag -> filters.add(term("tags", tag)));
        if (filter.author() != null) {
            filters.add(term("ownerId", filter.author().toString()));
        }
        if (filter.communityEventId() != null) {
            filters.add(term("communityEventId", filter.communityEventId().toString()));
        }
        if (filter.from() != null || filter.to() != null) {
            filters.add(range("createdAt", filter.from(), filter.to()));
        }
        return filters;
    }

    private static ChunkHit hit(Hit<ChunkDocument> hit) {
        ChunkDocument chunk = hit.source();
        Map<String, List<String>> highlights = hit.highlight();
        String highlight =
                highlights == null || highlights.getOrDefault("text", List.of()).isEmpty()
                        ? null
                        : highlights.get("text").get(0);
        return new ChunkHit(
                UUID.fromString(chunk.documentId()),
                chunk.version(),
                chunk.chunkIndex(),
                chunk.text(),
                highlight,
                chunk.page(),
                chunk.slide(),
                chunk.headings(),
                chunk.startOffset(),
                chunk.endOffset(),
                hit.score() == null ? 0 : hit.score(),
                chunk.title(),
                chunk.tags(),
                UUID.fromString(chunk.ownerId()));
    }
}
