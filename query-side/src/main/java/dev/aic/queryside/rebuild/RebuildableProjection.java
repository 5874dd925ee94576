package dev.aic.queryside.rebuild;

import java.util.List;

/**
 * A projection that can be rebuilt beside the live one: its tracking processor and where it keeps
 * its read model, PostgreSQL tables (in schema {@code query}) or OpenSearch aliases. A new
 * projection becomes rebuildable by declaring one of these as a bean.
 *
 * @param name the processing group, which is the name of the live tracking processor
 * @param tables the tables the processor's handlers write, unqualified as they name them
 * @param aliases the OpenSearch aliases the processor's handlers write through
 */
public record RebuildableProjection(String name, List<String> tables, List<String> aliases) {

    public RebuildableProjection {
        tables = List.copyOf(tables);
        aliases = List.copyOf(aliases);
        if (tables.isEmpty() == aliases.isEmpty()) {
            throw new IllegalArgumentException(
                    name + ": a projection has either tables or OpenSearch aliases");
        }
    }

    public static RebuildableProjection ofTables(String name, String... tables) {
        return new RebuildableProjection(name, List.of(tables), List.of());
    }

    public static RebuildableProjection ofIndex(String name, String alias) {
        return new RebuildableProjection(name, List.of(), List.of(alias));
    }

    boolean inPostgres() {
        return !tables.isEmpty();
    }

    /** The tracking processor that builds the new model: same handlers, its own token. */
    String rebuildProcessor() {
        return name + "-rebuild";
    }
}
