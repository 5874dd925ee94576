package dev.aic.queryside.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

/**
 * A projection's documents in an index, written idempotently: the event's sequence number + 1 is
 * the external version, so a redelivered or older event never overwrites a newer state. Inside a
 * processor's batch the writes are collected and sent as one bulk request, refreshed (a rebuild's
 * generation excepted, see {@link VersionedIndex#bulk(List, String)}), before the batch's token
 * commits: once the token store says an event was processed, searches find it.
 */
public final class BatchedDocuments<D> {

    /** A document and its external version. */
    public record Indexed<D>(D document, long version) {}

    private final OpenSearchClient client;
    private final VersionedIndex index;
    private final Class<D> type;
    private final Function<D, UUID> idOf;
    private final String pendingKey;

    public BatchedDocuments(
            OpenSearchClient client, VersionedIndex index, Class<D> type, Function<D, UUID> idOf) {
        this.client = client;
        this.index = index;
        this.type = type;
        this.idOf = idOf;
        this.pendingKey = BatchedDocuments.class.getName() + "." + index.alias();
    }

    /**
     * The document as indexed: first what this batch of events has already changed, then
     * OpenSearch's (realtime get).
     */
    public Optional<Indexed<D>> current(UUID id) {
        Map<UUID, Indexed<D>> pending = pending();
        if (pending != null && pending.containsKey(id)) {
            return Optional.of(pending.get(id));
        }
        try {
            var found = client.get(g -> g.index(index.target()).id(id.toString()), type);
            return found.found()
                    ? Optional.of(new Indexed<>(found.source(), found.version()))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the document an aggregate's first event creates, unless this batch has written it
     * already. No read: should the index hold it (a redelivery), its external version is as high or
     * higher, and OpenSearch refuses the write as a version conflict, which {@link
     * VersionedIndex#bulk} takes as done.
     */
    public void create(D document, long externalVersion) {
        Map<UUID, Indexed<D>> pending = pending();
        if (pending == null || !pending.containsKey(idOf.apply(document))) {
            put(document, externalVersion);
        }
    }

    public void put(D document, long externalVersion) {
        Indexed<D> write = new Indexed<>(document, externalVersion);
        Map<UUID, Indexed<D>> pending = pending();
        if (pending != null) {
            // the batch sends one write per document: the latest state, never an older one
            pending.merge(
                    idOf.apply(document),
                    write,
                    (earlier, later) -> later.version() >= earlier.version() ? later : earlier);
        } else {
            flush(Map.of(idOf.apply(document), write), index.target());
        }
    }

    /**
     * Sends the writes this batch has collected so far, refreshed, so that a search (which finds
     * only what is indexed) sees them: for a handler that changes documents by query, such as a
     * member's erasure.
     */
    public void flushPending() {
        Map<UUID, Indexed<D>> pending = pending();
        if (pending != null) {
            flush(new LinkedHashMap<>(pending), index.target());
            pending.clear();
        }
    }

    private Map<UUID, Indexed<D>> pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(
                pendingKey,
                key -> {
                    Map<UUID, Indexed<D>> writes = new LinkedHashMap<>();
                    String target = index.target();
                    batch.onPrepareCommit(committing -> flush(writes, target));
                    return writes;
                });
    }

    private void flush(Map<UUID, Indexed<D>> writes, String target) {
        if (writes.isEmpty()) {
            return;
        }
        List<BulkOperation> operations = new ArrayList<>();
        writes.forEach(
                (id, write) ->
                        operations.add(
                                BulkOperation.of(
                                        operation ->
                                                operation.index(
                                                        i ->
                                                                i.index(target)
                                                                        .id(id.toString())
                                                                        .document(write.document())
                                                                        .versionType(
                                                                                VersionType
                                                                                        .External)
                                                                        .version(
                                                                                write
                                                                                        .version())))));
        index.bulk(operations, target);
    }
}
