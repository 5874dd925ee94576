package dev.aic.queryside.user;

import dev.aic.contracts.user.Role;
import dev.aic.queryside.search.OpenSearchProperties;
import dev.aic.queryside.search.VersionedIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.springframework.stereotype.Component;

/** The {@code users} OpenSearch index: what analysts explore and what {@code ?q=} searches. */
@Component
class UserSearchIndex {

    static final String NAME = "users";
    /** v2: profile, roles and activity; a new version is filled from the event store beside the old one. */
    private static final int VERSION = 2;
    private static final String PENDING = UserSearchIndex.class.getName() + ".pending";

    private final OpenSearchClient client;
    private final VersionedIndex index;
    private final boolean needsFilling;

    UserSearchIndex(OpenSearchClient client, OpenSearchProperties properties) {
        this.client = client;
        this.index = new VersionedIndex(client, properties.alias(NAME), VERSION, definition -> definition
                .settings(settings -> settings.analysis(analysis -> analysis
                        .filter("name_prefix", f -> f.definition(d -> d.edgeNgram(e -> e.minGram(1).maxGram(20))))
                        .analyzer("name_prefix", a -> a.custom(c -> c.tokenizer("standard")
                                .filter("lowercase", "asciifolding", "name_prefix")))))
                .mappings(mapping -> mapping
                        .dynamic(DynamicMapping.Strict)
                        .properties("id", p -> p.keyword(k -> k))
                        .properties("email", p -> p.keyword(k -> k))
                        // indexed as prefixes, searched as whole words: "ada lov" finds "Ada Lovelace"
                        .properties("displayName", p -> p.text(t -> t.analyzer("name_prefix").searchAnalyzer("standard")
                                .fields("raw", raw -> raw.keyword(k -> k.ignoreAbove(256)))))
                        .properties("bio", p -> p.text(t -> t))
                        .properties("interests", p -> p.keyword(k -> k))
                        .properties("avatarRef", p -> p.keyword(k -> k.index(false)))
                        .properties("roles", p -> p.keyword(k -> k))
                        .properties("active", p -> p.boolean_(b -> b))
                        .properties("registeredAt", p -> p.date(d -> d))));
        this.needsFilling = index.ensureCurrent();
    }

    /** True when this start created the current index version, which the projection must fill from the start. */
    boolean needsFilling() {
        return needsFilling;
    }

    /**
     * The user as indexed, with its external version (sequence number + 1): first what this batch of
     * events has already changed, then what OpenSearch holds (a realtime get, refresh or not).
     */
    Optional<Indexed> current(UUID id) {
        Map<UUID, Indexed> pending = pending();
        if (pending != null && pending.containsKey(id)) {
            return Optional.of(pending.get(id));
        }
        try {
            var found = client.get(g -> g.index(index.alias()).id(id.toString()), UserDocument.class);
            return found.found() ? Optional.of(new Indexed(found.source(), found.version())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the document with the event's sequence number + 1 as its external version, so a redelivered
     * or older event can never overwrite a newer state. Inside a processor's batch the writes are collected
     * and sent as one bulk request, refreshed, before the batch's token is committed: once the token store
     * says an event was processed, searches find it.
     */
    void put(UserDocument user, long externalVersion) {
        Indexed write = new Indexed(user, externalVersion);
        Map<UUID, Indexed> pending = pending();
        if (pending != null) {
            pending.put(user.id(), write);
        } else {
            flush(Map.of(user.id(), write));
        }
    }

    /**
     * Users matching {@code text} by name prefix or, when {@code byEmail}, exact e-mail; best match first
     * and then by id, after the hit whose sort values are {@code after}.
     */
    List<SearchHit> search(String text, boolean byEmail, Role role, Boolean active, List<String> after, int size) {
        try {
            var response = client.search(s -> {
                s.index(index.alias()).size(size).version(true)
                        .query(q -> q.bool(b -> {
                            b.must(m -> m.bool(match -> match
                                    .should(sh -> sh.match(n -> n.field("displayName")
                                            .query(v -> v.stringValue(text)).operator(Operator.And)))
                                    .should(sh -> byEmail ? sh.term(t -> t.field("email")
                                            .value(v -> v.stringValue(text.trim().toLowerCase(Locale.ROOT))))
                                            : sh.matchNone(none -> none))
                                    .minimumShouldMatch("1")));
                            if (role != null) {
                                b.filter(f -> f.term(t -> t.field("roles").value(FieldValue.of(role.name()))));
                            }
                            if (active != null) {
                                b.filter(f -> f.term(t -> t.field("active").value(FieldValue.of(active))));
                            }
                            return b;
                        }))
                        .sort(order -> order.score(score -> score.order(SortOrder.Desc)))
                        .sort(order -> order.field(field -> field.field("id").order(SortOrder.Asc)));
                if (after != null) {
                    s.searchAfter(FieldValue.of(Double.parseDouble(after.get(0))), FieldValue.of(after.get(1)));
                }
                return s;
            }, UserDocument.class);
            return response.hits().hits().stream().map(UserSearchIndex::hit).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties the index for a replay from the start of the event store. */
    void clear() {
        index.recreate();
    }

    /** Checks search-after keys from a client before they reach OpenSearch. */
    static boolean wellFormed(List<String> keys) {
        try {
            double score = Double.parseDouble(keys.get(0));
            UUID.fromString(keys.get(1));
            return Double.isFinite(score);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static SearchHit hit(Hit<UserDocument> hit) {
        List<FieldValue> sort = hit.sort();
        // a score is a float; depending on its digits the JSON parser may hand it over as another kind of number
        String score = sort.get(0)._get() instanceof Number number ? Double.toString(number.doubleValue())
                : sort.get(0)._get().toString();
        return new SearchHit(hit.source().profile(hit.version() - 1), List.of(score, sort.get(1).stringValue()));
    }

    private Map<UUID, Indexed> pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING, key -> {
            Map<UUID, Indexed> writes = new LinkedHashMap<>();
            batch.onPrepareCommit(committing -> flush(writes));
            return writes;
        });
    }

    private void flush(Map<UUID, Indexed> writes) {
        if (writes.isEmpty()) {
            return;
        }
        List<BulkOperation> operations = new ArrayList<>();
        writes.values().forEach(write -> operations.add(BulkOperation.of(operation -> operation.index(i -> i
                .index(index.alias()).id(write.document().id().toString()).document(write.document())
                .versionType(VersionType.External).version(write.version())))));
        try {
            var response = client.bulk(b -> b.operations(operations).refresh(Refresh.True));
            for (BulkResponseItem item : response.items()) {
                // 409: this state or a later one is already indexed
                if (item.error() != null && item.status() != 409) {
                    throw new IllegalStateException("OpenSearch refused user " + item.id() + ": "
                            + item.error().type() + " " + item.error().reason());
                }
            }
        } catch (OpenSearchException e) {
            throw new IllegalStateException("OpenSearch refused a bulk write to " + index.alias(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document and its external version. */
    record Indexed(UserDocument document, long version) {
    }

    /** A search result and the sort values a cursor resumes after. */
    record SearchHit(UserProfile user, List<String> sortValues) {
    }
}
