package dev.aic.queryside.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.indices.CreateIndexRequest;

/**
 * An OpenSearch index that clients reach only through its alias. The physical index carries a
 * version suffix ({@code users-v1}), so a rebuild can fill {@code users-v2} beside it and then move
 * the alias in one atomic step.
 */
public final class VersionedIndex {

    private final OpenSearchClient client;
    private final String alias;
    private final int version;
    private final Function<CreateIndexRequest.Builder, CreateIndexRequest.Builder> definition;

    public VersionedIndex(OpenSearchClient client, String alias, int version,
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

    /** Creates the current version with its alias unless the alias already points somewhere. */
    public void ensureExists() {
        try {
            if (client.indices().existsAlias(a -> a.name(alias)).value()) {
                return;
            }
            if (!client.indices().exists(e -> e.index(physicalName())).value()) {
                client.indices().create(c -> definition.apply(c.index(physicalName())));
            }
            client.indices().updateAliases(u -> u.actions(a -> a.add(add -> add.index(physicalName()).alias(alias))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare OpenSearch index " + physicalName(), e);
        }
    }
}
