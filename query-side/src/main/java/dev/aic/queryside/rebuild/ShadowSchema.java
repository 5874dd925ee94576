package dev.aic.queryside.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A projection's PostgreSQL tables rebuilt beside the live ones, in a schema of their own ({@code
 * query_rebuild_users}) with the same columns, constraints and index names, so that swapping them
 * in is a matter of moving tables between schemas. Everything here runs in the caller's
 * transaction.
 */
final class ShadowSchema {

    static final String LIVE = "query";

    private final JdbcTemplate jdbc;
    private final RebuildableProjection projection;
    private final String schema;

    ShadowSchema(JdbcTemplate jdbc, RebuildableProjection projection) {
        this.jdbc = jdbc;
        this.projection = projection;
        this.schema = nameOf(projection);
    }

    static String nameOf(RebuildableProjection projection) {
        return "query_rebuild_"
                + projection.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    }

    String name() {
        return schema;
    }

    boolean exists() {
        return Boolean.TRUE.equals(
                jdbc.queryForObject(
                        "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)",
                        Boolean.class,
                        schema));
    }

    /**
     * Empty copies of the live tables with their keys, unique and check constraints and foreign
     * keys among themselves: what the handlers' {@code ON CONFLICT} and {@code ON DELETE CASCADE}
     * rely on. The other indexes come with {@link #createIndexes()}, once the bulk of the events is
     * in: building an index once is cheaper than maintaining it row by row (an HNSW index above
     * all).
     */
    void create() {
        // definitions printed schema-qualified, so that a reference to a live table is recognisable
        jdbc.execute("SET LOCAL search_path TO pg_catalog");
        jdbc.execute("CREATE SCHEMA " + schema);
        for (String table : projection.tables()) {
            jdbc.execute(
                    "CREATE TABLE "
                            + schema
                            + "."
                            + table
                            + " (LIKE "
                            + LIVE
                            + "."
                            + table
                            + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING IDENTITY"
                            + " INCLUDING STORAGE INCLUDING COMMENTS)");
            for (String constraint : constraints(table, "p", "u")) {
                jdbc.execute(constraint);
            }
        }
        for (String table : projection.tables()) {
            for (String constraint : constraints(table, "f")) {
                jdbc.execute(constraint);
            }
        }
    }

    /**
     * The live tables' other indexes, under the same names (those already there are kept), and
     * statistics.
     */
    void createIndexes() {
        jdbc.execute("SET LOCAL search_path TO pg_catalog");
        for (String table : projection.tables()) {
            List<String> definitions =
                    jdbc.queryForList(
                            """
                    SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                    WHERE i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
                            String.class,
                            LIVE,
                            table);
            for (String definition : definitions) {
                jdbc.execute(
                        definition
                                .replaceFirst(
                                        "^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS ")
                                .replace(
                                        " ON " + LIVE + "." + table + " ",
                                        " ON " + schema + "." + table + " "));
            }
            // statistics before the first reader plans a query on the swapped-in table
            jdbc.execute("ANALYZE " + schema + "." + table);
        }
    }

    void drop() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /**
     * Moves the live tables out and the rebuilt ones in, under the locks that let no reader see one
     * without the other; the old tables are dropped. A reader waits for the swap (milliseconds), it
     * never fails: a statement blocked on a moved table looks its name up again once it has the
     * lock.
     */
    void swapIn() {
        String retired = schema + "_retired";
        // a long read must not hold every other reader behind the swap's lock: give up and try
        // again later
        jdbc.execute("SET LOCAL lock_timeout = '5s'");
        jdbc.execute(
                "LOCK TABLE " + String.join(", ", qualified(LIVE)) + " IN ACCESS EXCLUSIVE MODE");
        jdbc.execute("DROP SCHEMA IF EXISTS " + retired + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + retired);
        for (String table : projection.tables()) {
            jdbc.execute("ALTER TABLE " + LIVE + "." + table + " SET SCHEMA " + retired);
            jdbc.execute("ALTER TABLE " + schema + "." + table + " SET SCHEMA " + LIVE);
        }
        jdbc.execute("DROP SCHEMA " + retired + " CASCADE");
        jdbc.execute("DROP SCHEMA " + schema);
    }

    /** Row counts and an MD5 of every row's text, sorted, per table: live and rebuilt. */
    List<Comparison.Part> compare() {
        List<Comparison.Part> parts = new ArrayList<>();
        for (String table : projection.tables()) {
            Checksum live = checksum(LIVE + "." + table);
            Checksum rebuilt = checksum(schema + "." + table);
            parts.add(
                    new Comparison.Part(
                            table, live.count(), rebuilt.count(), live.md5(), rebuilt.md5()));
        }
        return parts;
    }

    private Checksum checksum(String table) {
        // rows as text in the tables' shared column order; sorted by that text, so no key needs to
        // be known
        return jdbc.queryForObject(
                "SELECT count(*), coalesce(md5(string_agg(r.t, E'\\n' ORDER BY r.t)), '')"
                        + " FROM (SELECT x::text AS t FROM "
                        + table
                        + " x) r",
                (row, i) -> new Checksum(row.getLong(1), row.getString(2)));
    }

    private record Checksum(long count, String md5) {}

    private List<String> qualified(String in) {
        return projection.tables().stream().map(table -> in + "." + table).toList();
    }

    /**
     * The live table's constraints of the given kinds as statements that add them to the shadow
     * table.
     */
    private List<String> constraints(String table, String... kinds) {
        return jdbc
                .queryForList(
                        """
                SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
                WHERE c.conrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND c.contype::text = ANY (?::text[])
                ORDER BY c.conname""",
                        LIVE,
                        table,
                        kinds)
                .stream()
                .map(
                        row ->
                                "ALTER TABLE "
                                        + schema
                                        + "."
                                        + table
                                        + " ADD CONSTRAINT "
                                        + quoteIdent((String) row.get("conname"))
                                        + " "
                                        + shadowed((String) row.get("pg_get_constraintdef")))
                .toList();
    }

    /**
     * A constraint definition whose references to the projection's live tables point at the shadow
     * ones.
     */
    private String shadowed(String definition) {
        String result = definition;
        for (String table : projection.tables()) {
            result =
                    result.replace(
                            "REFERENCES " + LIVE + "." + table + "(",
                            "REFERENCES " + schema + "." + table + "(");
        }
        return result;
    }

    private static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
