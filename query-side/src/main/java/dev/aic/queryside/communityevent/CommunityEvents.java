package dev.aic.queryside.communityevent;

import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.contracts.communityevent.Visibility;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Reads of the PostgreSQL community event read model; the attendee list is read by {@link
 * CommunityEventProjection}, beside the handlers that write it.
 */
@Component
class CommunityEvents {

    private static final String COLUMNS =
            """
            e.id, e.title, e.description, e.venue, e.online_link, e.tags, e.visibility, e.starts_at, e.ends_at,
            e.time_zone, e.capacity, e.status, e.published, e.organizers, e.confirmed_count, e.waiting_count,
            e.checked_in_count, e.version""";
    private static final RowMapper<CommunityEventView> EVENT = (rs, row) -> view(rs);

    private final JdbcTemplate jdbc;

    CommunityEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An event and whether it was ever published. */
    record Found(CommunityEventView event, boolean published) {}

    Optional<Found> find(UUID id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM community_event e WHERE e.id = ?",
                        (rs, row) -> new Found(view(rs), rs.getBoolean("published")),
                        id)
                .stream()
                .findFirst();
    }

    /** The events with these ids that are in the table, in no particular order. */
    List<CommunityEventView> findAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM community_event e WHERE e.id = ANY (?)",
                EVENT,
                (Object) ids.toArray(UUID[]::new));
    }

    /** What {@code GET /api/events} filters by; null means no filter. */
    record Filter(String tag, Instant from, Instant to, Boolean online, Boolean hasSeats) {}

    /**
     * Up to {@code size} events starting at or after {@code filter.from()}, in (starts_at, id)
     * order after the item whose keys are {@code after}: published ones, and the drafts the caller
     * may see ({@code allDrafts}, or those {@code organizer} organises).
     */
    List<CommunityEventView> page(
            Filter filter, boolean allDrafts, UUID organizer, List<String> after, int size) {
        var sql =
                new StringBuilder("SELECT ")
                        .append(COLUMNS)
                        .append(" FROM community_event e WHERE e.starts_at >= ?");
        List<Object> arguments = new ArrayList<>();
        arguments.add(utc(filter.from()));
        if (allDrafts) {
            sql.append(" AND e.status IN ('PUBLISHED', 'DRAFT')");
        } else {
            sql.append(
                    " AND (e.status = 'PUBLISHED' OR (e.status = 'DRAFT' AND ?::uuid = ANY (e.organizers)))");
            arguments.add(organizer);
        }
        if (filter.to() != null) {
            sql.append(" AND e.starts_at < ?");
            arguments.add(utc(filter.to()));
        }
        if (filter.tag() != null) {
            sql.append(" AND e.tags @> ARRAY[?]::text[]");
            arguments.add(filter.tag());
        }
        if (filter.online() != null) {
            sql.append(
                    filter.online()
                            ? " AND e.online_link IS NOT NULL"
                            : " AND e.venue IS NOT NULL");
        }
        if (filter.hasSeats() != null) {
            sql.append(
                    filter.hasSeats()
                            ? " AND e.confirmed_count < e.capacity"
                            : " AND e.confirmed_count >= e.capacity");
        }
        if (after != null) {
            sql.append(" AND (e.starts_at, e.id) > (?, ?)");
            arguments.add(utc(Instant.parse(after.get(0))));
            arguments.add(UUID.fromString(after.get(1)));
        }
        sql.append(" ORDER BY e.starts_at, e.id LIMIT ?");
        arguments.add(size);
        return jdbc.query(sql.toString(), EVENT, arguments.toArray());
    }

    static List<String> keysOf(CommunityEventView last) {
        return List.of(last.startsAt().toString(), last.id().toString());
    }

    /**
     * The events {@code member} holds a seat in or waits for: upcoming first, soonest first, then
     * past ones.
     */
    List<MyCommunityEvent> ofMember(UUID member, Instant now, int size) {
        return jdbc.query(
                "SELECT "
                        + COLUMNS
                        + """
                        , r.state, r.checked_in,
                        CASE WHEN r.state = 'WAITLISTED' THEN (SELECT count(*) FROM community_event_rsvp w
                             WHERE w.event_id = r.event_id AND w.state = 'WAITLISTED'
                               AND w.waiting_position <= r.waiting_position) END AS waiting_rank
                        FROM community_event_rsvp r JOIN community_event e ON e.id = r.event_id
                        WHERE r.user_id = ? AND r.state IN ('CONFIRMED', 'WAITLISTED') AND e.published
                        ORDER BY e.ends_at < ?, CASE WHEN e.ends_at >= ? THEN e.starts_at END,
                                 e.starts_at DESC, e.id
                        LIMIT ?""",
                (rs, row) ->
                        new MyCommunityEvent(
                                view(rs),
                                RsvpState.valueOf(rs.getString("state")),
                                rs.getObject("waiting_rank") == null
                                        ? null
                                        : rs.getInt("waiting_rank"),
                                rs.getBoolean("checked_in")),
                member,
                utc(now),
                utc(now),
                size);
    }

    CommunityEventStats stats(UUID eventId) {
        return jdbc.queryForObject(
                """
                SELECT count(*) AS rsvps,
                       count(*) FILTER (WHERE ever_waitlisted) AS ever_waitlisted,
                       count(*) FILTER (WHERE state = 'CONFIRMED') AS confirmed,
                       count(*) FILTER (WHERE state = 'WAITLISTED') AS waiting,
                       count(*) FILTER (WHERE state = 'CANCELLED') AS cancelled,
                       count(*) FILTER (WHERE state = 'CONFIRMED' AND checked_in) AS checked_in
                FROM community_event_rsvp WHERE event_id = ?""",
                (rs, row) -> {
                    int confirmed = rs.getInt("confirmed");
                    int checkedIn = rs.getInt("checked_in");
                    return new CommunityEventStats(
                            eventId,
                            rs.getInt("rsvps"),
                            rs.getInt("ever_waitlisted"),
                            confirmed,
                            rs.getInt("waiting"),
                            rs.getInt("cancelled"),
                            checkedIn,
                            confirmed == 0 ? null : (double) checkedIn / confirmed);
                },
                eventId);
    }

    private static CommunityEventView view(ResultSet rs) throws SQLException {
        int capacity = rs.getInt("capacity");
        int confirmed = rs.getInt("confirmed_count");
        return new CommunityEventView(
                rs.getObject("id", UUID.class),
                rs.getString("title"),
                rs.getString("description"),
                rs.getString("venue"),
                rs.getString("online_link"),
                strings(rs.getArray("tags")),
                Visibility.valueOf(rs.getString("visibility")),
                rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                rs.getObject("ends_at", OffsetDateTime.class).toInstant(),
                rs.getString("time_zone"),
                capacity,
                rs.getString("status"),
                uuids(rs.getArray("organizers")),
                confirmed,
                rs.getInt("waiting_count"),
                rs.getInt("checked_in_count"),
                Math.max(0, capacity - confirmed),
                rs.getLong("version"));
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            return List.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            return List.of((UUID[]) array.getArray());
        } finally {
            array.free();
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
