package dev.aic.queryside.analytics;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch.core.search.Hit;

/** Reads the facts of the {@code search-facts} index as analysts see them: their JSON. */
record FactReader(OpenSearchClient client, SearchFactIndex index) {

    /**
     * Every fact of a search, once the writer has had the time to write {@code expected} of them.
     */
    @SuppressWarnings("rawtypes")
    List<Map> awaitFacts(String searchId, int expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> facts(searchId).size() >= expected);
        return facts(searchId);
    }

    @SuppressWarnings("rawtypes")
    List<Map> facts(String searchId) {
        try {
            client.indices().refresh(r -> r.index(index.alias()));
            return client
                    .search(
                            s ->
                                    s.index(index.alias())
                                            .size(100)
                                            .query(
                                                    q ->
                                                            q.term(
                                                                    t ->
                                                                            t.field("searchId")
                                                                                    .value(
                                                                                            FieldValue
                                                                                                    .of(
                                                                                                            searchId)))),
                            Map.class)
                    .hits()
                    .hits()
                    .stream()
                    .map(Hit::source)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
