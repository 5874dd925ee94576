package dev.aic.queryside.knowledge;

import dev.aic.queryside.search.OpenSearchProperties;
import dev.aic.queryside.search.VersionedIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
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
                                                        .properties("kind", p -> p.keyword(k -> k))
                                                        .properties(
                                                                "documentId",
                                                                p -> p.keyword(k -> k))
                                                        .properties(
                                                                "version", p -> p.integer(i -> i))
                                                        .properties(
                                                                "chunkIndex",
                                                                p -> p.integer(i -> i))
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
                                                        .properties("tags", p -> p.keyword(k -> k))
                                                        .properties(
                                                                "ownerId", p -> p.keyword(k -> k))
                                                        .properties(
                                                                "visibility",
                                                                p -> p.keyword(k -> k))
                                                        .properties(
                                                                "communityEventId",
                                                                p -> p.keyword(k -> k))
                                                        .properties(
                                                                "createdAt", p -> p.date(d -> d))
                                                        .properties("page", p -> p.integer(i -> i))
                                                        .properties("slide", p -> p.integer(i -> i))
                                                        .properties(
                                                                "headings",
                                                                p ->
                                                                        p.keyword(
                                                                                k ->
                                                                                        k
                                                                                                .ignoreAbove(
                                                                                                        512)))
                                                        .properties(
                                                                "startOffset",
                                                                p -> p.integer(i -> i))
                                                        .properties(
                                                                "endOffset", p -> p.integer(i -> i))
                                                        .properties(
                                                                "searchable",
                                                                p -> p.boolean_(b -> b))
                                                        .properties(
                                                                "searchableVersion",
                                                                p -> p.integer(i -> i))
                                                        .properties(
                                                                "deleted",
                                                                p -> p.boolean_(b -> b))));
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
        chunks.forEach(
                chunk ->
                        operations.add(
                                BulkOperation.of(
                                        operation ->
                                                operation.create(
                                                        c ->
                                                                c.index(index.target())
                                                                        .id(
                                                                                ChunkDocument
                                                                                        .chunkId(
                                                                                                chunk
                                                                                                        .documentId(),
                                                                                                chunk
                                                                                                        .version(),
                                                                                                chunk
                                                                                                        .chunkIndex()))
                                                                        .document(chunk)))));
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
                Query.of(
                        q ->
                                q.bool(
                                        b ->
                                                b.filter(chunksOf(documentId))
                                                        .filter(
                                                                f ->
                                                                        f.term(
                                                                                t ->
                                                                                        t.field(
                                                                                                        "version")
                                                                                                .value(
                                                                                                        FieldValue
                                                                                                                .of(
                                                                                                                        version))))
                                                        .mustNot(
                                                                m ->
                                                                        m.term(
                                                                                t ->
                                                                                        t.field(
                                                                                                        "searchable")
                                                                                                .value(
                                                                                                        FieldValue
                                                                                                                .of(
                                                                                                                        true))))));
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
        Query older =
                Query.of(
                        q ->
                                q.bool(
                                        b ->
                                                b.filter(chunksOf(documentId))
                                                        .filter(
                                                                f ->
                                                                        f.range(
                                                                                r ->
                                                                                        r.field(
                                                                                                        "version")
                                                                                                .lt(
                                                                                                        JsonData
                                                                                                                .of(
                                                                                                                        version))))));
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
        try {
            var response =
                    client.search(
                            s ->
                                    s.index(index.alias())
                                            .size(size)
                                            .query(
                                                    q ->
                                                            q.bool(
                                                                    b -> {
                                                                        b.must(
                                                                                m ->
                                                                                        m.match(
                                                                                                mm ->
                                                                                                        mm.field(
                                                                                                                        "text")
                                                                                                                .query(
                                                                                                                        FieldValue
                                                                                                                                .of(
                                                                                                                                        text))));
                                                                        b.should(
                                                                                sh ->
                                                                                        sh
                                                                                                .matchPhrase(
                                                                                                        mp ->
                                                                                                                mp.field(
                                                                                                                                "text.exact")
                                                                                                                        .query(
                                                                                                                                text)
                                                                                                                        .boost(
                                                                                                                                2.0f)));
                                                                        b.filter(
                                                                                f ->
                                                                                        f.term(
                                                                                                t ->
                                                                                                        t.field(
                                                                                                                        "kind")
                                                                                                                .value(
                                                                                                                        FieldValue
                                                                                                                                .of(
                                                                                                                                        ChunkDocument
                                                                                                                                                .CHUNK))));
                                                                        b.filter(
                                                                                f ->
                                                                                        f.term(
                                                                                                t ->
                                                                                                        t.field(
                                                                                                                        "searchable")
                                                                                                                .value(
                                                                                                                        FieldValue
                                                                                                                                .of(
                                                                                                                                        true))));
                                                                        audience(b, reader);
                                                                        filters(b, filter);
                                                                        return b;
                                                                    }))
                                            // html: the document's own text is escaped, so <em> is
                                            // the only markup a client renders
                                            .highlight(
                                                    h ->
                                                            h.encoder(HighlighterEncoder.Html)
                                                                    .preTags("<em>")
                                                                    .postTags("</em>")
                                                                    .fields(
                                                                            "text",
                                                                            f ->
                                                                                    f.numberOfFragments(
                                                                                                    1)
                                                                                            .fragmentSize(
                                                                                                    240))),
                            ChunkDocument.class);
            return response.hits().hits().stream().map(DocumentChunkIndex::hit).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Query chunksOf(UUID documentId) {
        return Query.of(
                q ->
                        q.bool(
                                b ->
                                        b.filter(
                                                        f ->
                                                                f.term(
                                                                        t ->
                                                                                t.field("kind")
                                                                                        .value(
                                                                                                FieldValue
                                                                                                        .of(
                                                                                                                ChunkDocument
                                                                                                                        .CHUNK))))
                                                .filter(
                                                        f ->
                                                                f.term(
                                                                        t ->
                                                                                t.field(
                                                                                                "documentId")
                                                                                        .value(
                                                                                                FieldValue
                                                                                                        .of(
                                                                                                                documentId
                                                                                                                        .toString()))))));
    }

    private static void audience(BoolQuery.Builder b, Audience.Reader reader) {
        if (reader.everything()) {
            return;
        }
        b.filter(
                f ->
                        f.bool(
                                visible -> {
                                    visible.should(
                                            sh ->
                                                    sh.terms(
                                                            t ->
                                                                    t.field("visibility")
                                                                            .terms(
                                                                                    v ->
                                                                                            v.value(
                                                                                                    List
                                                                                                            .of(
                                                                                                                    FieldValue
                                                                                                                            .of(
                                                                                                                                    "PUBLIC"),
                                                                                                                    FieldValue
                                                                                                                            .of(
                                                                                                                                    "MEMBERS"))))));
                                    reader.userId()
                                            .ifPresent(
                                                    me ->
                                                            visible.should(
                                                                    sh ->
                                                                            sh.term(
                                                                                    t ->
                                                                                            t.field(
                                                                                                            "ownerId")
                                                                                                    .value(
                                                                                                            FieldValue
                                                                                                                    .of(
                                                                                                                            me
                                                                                                                                    .toString())))));
                                    if (!reader.events().isEmpty()) {
                                        visible.should(
                                                sh ->
                                                        sh.bool(
                                                                attendee ->
                                                                        attendee.filter(
                                                                                        a ->
                                                                                                a
                                                                                                        .term(
                                                                                                                t ->
                                                                                                                        t.field(
                                                                                                                                        "visibility")
                                                                                                                                .value(
                                                                                                                                        FieldValue
                                                                                                                                                .of(
                                                                                                                                                        "EVENT_ATTENDEES"))))
                                                                                .filter(
                                                                                        a ->
                                                                                                a
                                                                                                        .terms(
                                                                                                                t ->
                                                                                                                        t.field(
                                                                                                                                        "communityEventId")
                                                                                                                                .terms(
                                                                                                                                        v ->
                                                                                                                                                v
                                                                                                                                                        .value(
                                                                                                                                                                reader
                                                                                                                                                                        .events()
                                                                                                                                                                        .stream()
                                                                                                                                                                        .map(
                                                                                                                                                                                id ->
                                                                                                                                                                                        FieldValue
                                                                                                                                                                                                .of(
                                                                                                                                                                                                        id
                                                                                                                                                                                                                .toString()))
                                                                                                                                                                        .toList()))))));
                                    }
                                    return visible.minimumShouldMatch("1");
                                }));
    }

    private static void filters(BoolQuery.Builder b, SearchFilter filter) {
        filter.tags()
                .forEach(
                        tag ->
                                b.filter(
                                        f ->
                                                f.term(
                                                        t ->
                                                                t.field("tags")
                                                                        .value(
                                                                                FieldValue.of(
                                                                                        tag)))));
        if (filter.author() != null) {
            b.filter(
                    f ->
                            f.term(
                                    t ->
                                            t.field("ownerId")
                                                    .value(
                                                            FieldValue.of(
                                                                    filter.author().toString()))));
        }
        if (filter.communityEventId() != null) {
            b.filter(
                    f ->
                            f.term(
                                    t ->
                                            t.field("communityEventId")
                                                    .value(
                                                            FieldValue.of(
                                                                    filter.communityEventId()
                                                                            .toString()))));
        }
        if (filter.from() != null || filter.to() != null) {
            b.filter(
                    f ->
                            f.range(
                                    r -> {
                                        r.field("createdAt");
                                        if (filter.from() != null) {
                                            r.gte(JsonData.of(filter.from().toString()));
                                        }
                                        if (filter.to() != null) {
                                            r.lt(JsonData.of(filter.to().toString()));
                                        }
                                        return r;
                                    }));
        }
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
