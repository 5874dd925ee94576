package dev.aic.queryside.user;

import dev.aic.queryside.search.OpenSearchProperties;
import dev.aic.queryside.search.VersionedIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch.core.search.Hit;
import org.springframework.stereotype.Component;

/** The {@code users} OpenSearch index: what analysts explore and what {@code ?q=} searches. */
@Component
class UserSearchIndex {

    static final String NAME = "users";
    private static final int VERSION = 1;

    private final OpenSearchClient client;
    private final VersionedIndex index;

    UserSearchIndex(OpenSearchClient client, OpenSearchProperties properties) {
        this.client = client;
        this.index = new VersionedIndex(client, properties.alias(NAME), VERSION, definition -> definition
                .settings(settings -> settings.analysis(analysis -> analysis
                        .filter("name_prefix", f -> f.definition(d -> d.edgeNgram(e -> e.minGram(1).maxGram(20))))
                        .analyzer("name_prefix", a -> a.custom(c -> c.tokenizer("standard")
                                .filter("lowercase", "asciifolding", "name_prefix")))))
                .mappings(mapping -> mapping
                        .properties("id", p -> p.keyword(k -> k))
                        .properties("email", p -> p.keyword(k -> k))
                        // indexed as prefixes, searched as whole words: "ada lov" finds "Ada Lovelace"
                        .properties("displayName", p -> p.text(t -> t.analyzer("name_prefix").searchAnalyzer("standard")))
                        .properties("registeredAt", p -> p.date(d -> d))));
        index.ensureExists();
    }

    /**
     * Writes the document with the event's sequence number as an external version, so a redelivered
     * or older event can never overwrite a newer state.
     */
    void put(UserView user, long sequenceNumber) {
        try {
            // aggregate sequence numbers start at 0; external versions are best kept positive
            client.index(i -> i.index(index.alias()).id(user.id().toString()).document(user)
                    .versionType(VersionType.External).version(sequenceNumber + 1));
        } catch (OpenSearchException e) {
            if (e.status() != 409) {
                throw e;
            }
            // version conflict: this event or a later one is already indexed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<UserView> search(String text, int limit) {
        try {
            var response = client.search(s -> s.index(index.alias()).size(limit)
                    .query(q -> q.bool(b -> b
                            .should(sh -> sh.match(m -> m.field("displayName").query(v -> v.stringValue(text))
                                    .operator(Operator.And)))
                            .should(sh -> sh.term(t -> t.field("email")
                                    .value(v -> v.stringValue(text.trim().toLowerCase(Locale.ROOT)))))
                            .minimumShouldMatch("1"))), UserView.class);
            return response.hits().hits().stream().map(Hit::source).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteAll() {
        try {
            client.deleteByQuery(d -> d.index(index.alias()).query(q -> q.matchAll(m -> m)).refresh(Refresh.True));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
