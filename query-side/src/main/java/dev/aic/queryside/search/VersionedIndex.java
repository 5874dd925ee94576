package dev.aic.queryside.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.indices.CreateIndexRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenSearch index that clients reach only through its alias. The physical index carries a
 * version suffix ({@code users-v2}); a new mapping gets a new version, created beside the old one.
 */
public final class VersionedIndex {

    private static final Logger log = LoggerFactory.getLogger(VersionedIndex.class);

    private final OpenSearchClient client;
    private final String alias;
    private final int version;
    private final Function<CreateIndexRequest.Builder, CreateIndexRequest.Builder> definition;

    public VersionedIndex(
            OpenSearchClient client,
            String alias,
            int version,
            Function<CreateIndexRequest.Builder, CreateIndexRequest.Builder> definition) {
        this.client = client;
        this.alias = alias;
        this.version = version;
        this.definition = definition;
    }

    public String alias() {
        return alias;
    }

    public String physicalName() {
        return alias + "-v" + version;
    }

    /**
     * Where a projection's handlers read and write their documents: the alias, unless the unit of
     * work they run in says otherwise. A projection rebuild (package {@code rebuild}) runs the same
     * handlers into a new generation of the index ({@code users-v2-r1733212345}) while the alias
     * still serves the live one.
     */
    public String target() {
        if (CurrentUnitOfWork.isStarted()) {
            String redirected = CurrentUnitOfWork.get().root().getResource(redirectKey(alias));
            if (redirected != null) {
                return redirected;
            }
        }
        return alias;
    }

    /**
     * The unit-of-work resource that redirects the writes meant for {@code alias} to another
     * physical index.
     */
    public static String redirectKey(String alias) {
        return VersionedIndex.class.getName() + ".target." + alias;
    }

    /** Whether {@code index} is this version's physical index or a rebuilt generation of it. */
    private boolean isCurrentVersion(String index) {
        return index.equals(physicalName())
                || Pattern.matches(Pattern.quote(physicalName()) + "-r[0-9]+", index);
    }

    /**
     * Makes the alias point at the current version, creating it if needed.
     *
     * @return true when the alias was moved to a new, empty index (first start, or a new mapping
     *     version): the projection that feeds it must replay the event store to fill it. The
     *     previous version stays in place for operators to inspect and delete.
     */
    public boolean ensureCurrent() {
        try {
            Set<String> current =
                    client.indices().existsAlias(a -> a.name(alias)).value()
                            ? client.indices().getAlias(a -> a.name(alias)).result().keySet()
                            : Set.of();
            if (current.size() == 1 && isCurrentVersion(current.iterator().next())) {
                return false;
            }
            create();
            client.indices()
                    .updateAliases(
                            update -> {
                                current.forEach(
                                        old ->
                                                update.actions(
                                                        a ->
                                                                a.remove(
                                                                        remove ->
                                                                                remove.index(old)
                                                                                        .alias(
                                                                                                alias))));
                                return update.actions(
                                        a -> a.add(add -> add.index(physicalName()).alias(alias)));
                            });
            if (!current.isEmpty()) {
                log.warn(
                        "OpenSearch alias {} moved from {} to {}; it fills again from the event store",
                        alias,
                        current,
                        physicalName());
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare OpenSearch index " + physicalName(), e);
        }
    }

    /**
     * Drops the current version and creates it empty again, for a projection that replays from the
     * start. Deleting documents instead would leave their versions behind (tombstones kept for
     * {@code index.gc_deletes}), and a replay's external versions, counting from 1 again, would be
     * refused.
     */
    public void recreate() {
        try {
            Set<String> rebuilt =
                    client.indices().existsAlias(a -> a.name(alias)).value()
                            ? client.indices().getAlias(a -> a.name(alias)).result().keySet()
                            : Set.of();
            for (String generation : rebuilt) {
                if (isCurrentVersion(generation) && !generation.equals(physicalName())) {
                    client.indices().delete(d -> d.index(generation).ignoreUnavailable(true));
                }
            }
            client.indices().delete(d -> d.index(physicalName()).ignoreUnavailable(true));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot drop OpenSearch index " + physicalName(), e);
        }
        ensureCurrent();
    }

    private void create() throws IOException {
        if (client.indices().exists(e -> e.index(physicalName())).value()) {
            return;
        }
        try {
            client.indices().create(c -> definition.apply(c.index(physicalName())));
        } catch (OpenSearchException e) {
            // another instance starting at the same moment created it first
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    /**
     * Applies {@code change} (built from a document's id) to every document {@code query} matches,
     * a page at a time, by bulk requests: the OpenSearch we run locally has no reindex module, so
     * no update- or delete-by-query. Each page must change what the query matches, so that the next
     * search finds the rest.
     *
     * @return how many documents were changed
     */
    public long changeEachMatching(
            Query query, int pageSize, Function<String, BulkOperation> change) {
        long changed = 0;
        String target = target();
        try {
            while (true) {
                if (!target.equals(alias)) {
                    // a rebuild's generation is not refreshed per write (see bulk)
                    client.indices().refresh(r -> r.index(target));
                }
                var page =
                        client.search(
                                s ->
                                        s.index(target)
                                                .size(pageSize)
                                                .query(query)
                                                .source(source -> source.fetch(false)),
                                Object.class);
                if (page.hits().hits().isEmpty()) {
                    return changed;
                }
                bulk(page.hits().hits().stream().map(hit -> change.apply(hit.id())).toList());
                changed += page.hits().hits().size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the operations in one bulk request, visible to searches when it returns. A 409 is a
     * version conflict: this state or a later one is already indexed, which is what an idempotent
     * write wants.
     */
    public void bulk(List<BulkOperation> operations) {
        bulk(operations, target());
    }

    /**
     * As {@link #bulk(List)}, for operations on {@code target}. Writes to a rebuild's generation
     * are not refreshed: no search reads it before the swap, whose comparison refreshes it, and a
     * refresh per batch makes OpenSearch write a segment per batch; the realtime gets of the
     * handlers see unrefreshed writes.
     */
    public void bulk(List<BulkOperation> operations, String target) {
        Refresh refresh = target.equals(alias) ? Refresh.True : Refresh.False;
        try {
            var response = client.bulk(b -> b.operations(operations).refresh(refresh));
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null && item.status() != 409) {
                    throw new IllegalStateException(
                            "OpenSearch refused "
                                    + alias
                                    + " document "
                                    + item.id()
                                    + ": "
                                    + item.error().type()
                                    + " "
                                    + item.error().reason());
                }
            }
        } catch (OpenSearchException e) {
            throw new IllegalStateException("OpenSearch refused a bulk write to " + alias, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
