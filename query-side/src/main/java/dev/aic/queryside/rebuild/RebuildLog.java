package dev.aic.queryside.rebuild;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The latest rebuild of each projection ({@code query.projection_rebuild}), shared by every
 * instance.
 */
@Component
class RebuildLog {

    enum State {
        RUNNING,
        DIFFERS,
        SWAPPED,
        CANCELLED
    }

    record Entry(
            String projection,
            State state,
            String target,
            boolean force,
            Instant startedAt,
            Instant finishedAt,
            Long position,
            String comparison,
            String detail) {}

    private static final String COLUMNS =
            "projection, state, target, force, started_at, finished_at, position, comparison, detail";

    private final JdbcTemplate jdbc;

    RebuildLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Entry> find(String projection) {
        return jdbc
                .query(
                        "SELECT "
                                + COLUMNS
                                + " FROM "
                                + ShadowSchema.LIVE
                                + ".projection_rebuild WHERE projection = ?",
                        RebuildLog::entry,
                        projection)
                .stream()
                .findFirst();
    }

    /**
     * The entry, locked until the caller's transaction ends: starting, cancelling and swapping take
     * turns.
     */
    Optional<Entry> lock(String projection) {
        return jdbc
                .query(
                        "SELECT "
                                + COLUMNS
                                + " FROM "
                                + ShadowSchema.LIVE
                                + ".projection_rebuild WHERE projection = ? FOR UPDATE",
                        RebuildLog::entry,
                        projection)
                .stream()
                .findFirst();
    }

    List<Entry> running() {
        return jdbc.query(
                "SELECT "
                        + COLUMNS
                        + " FROM "
                        + ShadowSchema.LIVE
                        + ".projection_rebuild WHERE state = 'RUNNING'",
                RebuildLog::entry);
    }

    /** Records a new rebuild; false when one is running already (the row is taken by another). */
    boolean begin(String projection, String target, boolean force, Instant at) {
        return jdbc.update(
                        "INSERT INTO "
                                + ShadowSchema.LIVE
                                + ".projection_rebuild ("
                                + COLUMNS
                                + """
                ) VALUES (?, 'RUNNING', ?, ?, ?, NULL, NULL, NULL, NULL)
                ON CONFLICT (projection) DO UPDATE SET state = 'RUNNING', target = excluded.target,
                    force = excluded.force, started_at = excluded.started_at, finished_at = NULL, position = NULL,
                    comparison = NULL, detail = NULL
                WHERE projection_rebuild.state <> 'RUNNING' AND projection_rebuild.state <> 'DIFFERS'""",
                        projection,
                        target,
                        force,
                        Timestamp.from(at))
                == 1;
    }

    void finish(
            String projection,
            State state,
            Instant at,
            Long position,
            String comparison,
            String detail) {
        jdbc.update(
                "UPDATE "
                        + ShadowSchema.LIVE
                        + """
                .projection_rebuild SET state = ?, finished_at = ?, position = ?, comparison = ?, detail = ?
                WHERE projection = ?""",
                state.name(),
                Timestamp.from(at),
                position,
                comparison,
                detail,
                projection);
    }

    void force(String projection) {
        jdbc.update(
                "UPDATE "
                        + ShadowSchema.LIVE
                        + ".projection_rebuild SET force = TRUE, state = 'RUNNING',"
                        + " finished_at = NULL WHERE projection = ? AND state IN ('RUNNING', 'DIFFERS')",
                projection);
    }

    private static Entry entry(ResultSet row, int index) throws SQLException {
        Timestamp finished = row.getTimestamp("finished_at");
        Long position = row.getLong("position");
        if (row.wasNull()) {
            position = null;
        }
        return new Entry(
                row.getString("projection"),
                State.valueOf(row.getString("state")),
                row.getString("target"),
                row.getBoolean("force"),
                row.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(),
                position,
                row.getString("comparison"),
                row.getString("detail"));
    }
}
