package dev.aic.queryside.agenda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the agenda tables; who may read what is the controller's ({@link AgendaAccess}). */
@Component
class Agendas {

    private static final String SESSIONS =
            """
            SELECT s.*, r.name AS room_name, t.starts_at, t.ends_at,
                   (SELECT count(*) FROM agenda_mark m WHERE m.agenda_id = s.agenda_id AND m.session_id = s.session_id)
                       AS marks
            FROM agenda_session s
            LEFT JOIN agenda_slot t ON t.agenda_id = s.agenda_id AND t.slot_id = s.slot_id
            LEFT JOIN agenda_room r ON r.agenda_id = s.agenda_id AND r.room_id = s.room_id
            WHERE s.agenda_id = ?""";
    private static final String ORDER =
            " ORDER BY t.starts_at NULLS LAST, r.name, s.title, s.session_id";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    Agendas(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The agenda of a community event and its organisers, with every session. */
    Optional<Found> ofEvent(UUID eventId) {
        return jdbc
                .query(
                        "SELECT * FROM agenda WHERE event_id = ?",
                        (row, n) -> {
                            UUID agendaId = row.getObject("id", UUID.class);
                            List<UUID> organizers =
                                    Arrays.asList((UUID[]) row.getArray("organizers").getArray());
                            AgendaView view =
                                    new AgendaView(
                                            agendaId,
                                            eventId,
                                            row.getBoolean("published"),
                                            row.getString("time_zone"),
                                            row.getLong("version"),
                                            rooms(agendaId),
                                            jdbc.query(
                                                    SESSIONS + ORDER, Agendas::session, agendaId));
                            return new Found(view, organizers);
                        },
                        eventId)
                .stream()
                .findFirst();
    }

    /** The sessions {@code member} marked, placed ones in time order. */
    List<AgendaView.SessionView> markedBy(UUID agendaId, UUID member) {
        return jdbc.query(
                SESSIONS
                        + " AND EXISTS (SELECT 1 FROM agenda_mark m WHERE m.agenda_id = s.agenda_id"
                        + " AND m.session_id = s.session_id AND m.member_id = ?)"
                        + ORDER,
                Agendas::session,
                agendaId,
                member);
    }

    Optional<SolveView> solve(UUID agendaId, UUID solveId) {
        return jdbc
                .query(
                        "SELECT * FROM agenda_solve WHERE agenda_id = ? AND solve_id = ?",
                        (row, n) ->
                                new SolveView(
                                        solveId,
                                        row.getString("status"),
                                        row.getInt("time_budget_seconds"),
                                        row.getObject("hard_score", Long.class),
                                        row.getObject("soft_score", Long.class),
                                        row.getObject("elapsed_millis", Long.class),
                                        proposal(row.getString("proposal")),
                                        instant(row.getTimestamp("requested_at")),
                                        instant(row.getTimestamp("updated_at"))),
                        agendaId,
                        solveId)
                .stream()
                .findFirst();
    }

    /** The agenda as found, and who organises it (for access decisions). */
    record Found(AgendaView agenda, List<UUID> organizers) {}

    private List<AgendaView.Room> rooms(UUID agendaId) {
        return jdbc.query(
                "SELECT * FROM agenda_room WHERE agenda_id = ? ORDER BY name, room_id",
                (row, n) ->
                        new AgendaView.Room(
                                row.getObject("room_id", UUID.class),
                                row.getString("name"),
                                row.getInt("capacity"),
                                strings(row.getArray("equipment"))),
                agendaId);
    }

    private static AgendaView.SessionView session(ResultSet row, int n) throws SQLException {
        return new AgendaView.SessionView(
                row.getObject("session_id", UUID.class),
                row.getString("title"),
                row.getString("summary"),
                Arrays.asList((UUID[]) row.getArray("speakers").getArray()),
                row.getInt("duration_minutes"),
                row.getString("track"),
                strings(row.getArray("tags")),
                strings(row.getArray("required_equipment")),
                row.getInt("expected_audience"),
                row.getObject("slot_id", UUID.class),
                row.getObject("room_id", UUID.class),
                row.getString("room_name"),
                instant(row.getTimestamp("starts_at")),
                instant(row.getTimestamp("ends_at")),
                row.getBoolean("locked"),
                row.getInt("marks"));
    }

    private JsonNode proposal(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored proposal is not JSON", e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
