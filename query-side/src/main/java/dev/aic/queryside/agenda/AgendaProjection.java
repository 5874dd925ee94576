package dev.aic.queryside.agenda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.contracts.agenda.AgendaEvent.Opened;
import dev.aic.contracts.agenda.AgendaEvent.ProposalAccepted;
import dev.aic.contracts.agenda.AgendaEvent.ProposalDiscarded;
import dev.aic.contracts.agenda.AgendaEvent.ProposalReceived;
import dev.aic.contracts.agenda.AgendaEvent.Published;
import dev.aic.contracts.agenda.AgendaEvent.RoomDefined;
import dev.aic.contracts.agenda.AgendaEvent.SessionDefined;
import dev.aic.contracts.agenda.AgendaEvent.SessionLocked;
import dev.aic.contracts.agenda.AgendaEvent.SessionMarked;
import dev.aic.contracts.agenda.AgendaEvent.SessionMoved;
import dev.aic.contracts.agenda.AgendaEvent.SessionPlaced;
import dev.aic.contracts.agenda.AgendaEvent.SessionUnassigned;
import dev.aic.contracts.agenda.AgendaEvent.SessionUnlocked;
import dev.aic.contracts.agenda.AgendaEvent.SessionUnmarked;
import dev.aic.contracts.agenda.AgendaEvent.SlotDefined;
import dev.aic.contracts.agenda.AgendaEvent.SolveProgressed;
import dev.aic.contracts.agenda.AgendaEvent.SolveRequested;
import dev.aic.contracts.agenda.AgendaEvent.SpeakerAvailabilityStated;
import dev.aic.contracts.agenda.AgendaEvent.SpeakerReminderDue;
import dev.aic.contracts.agenda.AgendaId;
import dev.aic.contracts.agenda.Placement;
import dev.aic.contracts.agenda.Room;
import dev.aic.contracts.agenda.Session;
import dev.aic.contracts.agenda.Slot;
import dev.aic.contracts.user.UserId;
import dev.aic.queryside.ProjectionNames;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the agenda tables in PostgreSQL, in the processor's transaction. Every handler first claims
 * the event's sequence number on the agenda row ({@code version < seq}); a redelivered or replayed
 * event the row already reflects claims nothing and changes nothing. Rebuilt through the rebuild
 * API like every projection ({@link AgendaReadModel}).
 */
@Component
@ProcessingGroup(ProjectionNames.AGENDAS)
class AgendaProjection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    AgendaProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(Opened event, @SequenceNumber long seq) {
        jdbc.update(
                """
                INSERT INTO agenda (id, event_id, organizers, window_from, window_until, time_zone, version)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                id(event.agendaId()),
                event.eventId().value(),
                event.organizers().stream().map(UserId::value).toArray(UUID[]::new),
                utc(event.window().from()),
                utc(event.window().until()),
                event.timeZone(),
                seq);
    }

    @EventHandler
    void on(RoomDefined event, @SequenceNumber long seq) {
        if (claim(event.agendaId(), seq, null)) {
            Room room = event.room();
            jdbc.update(
                    """
                    INSERT INTO agenda_room (agenda_id, room_id, name, capacity, equipment) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (agenda_id, room_id) DO UPDATE SET name = excluded.name, capacity = excluded.capacity,
                        equipment = excluded.equipment""",
                    id(event.agendaId()),
                    room.roomId(),
                    room.name(),
                    room.capacity(),
                    room.equipment().toArray(String[]::new));
        }
    }

    @EventHandler
    void on(SlotDefined event, @SequenceNumber long seq) {
        if (claim(event.agendaId(), seq, null)) {
            Slot slot = event.slot();
            jdbc.update(
                    """
                    INSERT INTO agenda_slot (agenda_id, slot_id, starts_at, ends_at, room_ids) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (agenda_id, slot_id) DO UPDATE SET starts_at = excluded.starts_at,
                        ends_at = excluded.ends_at, room_ids = excluded.room_ids""",
                    id(event.agendaId()),
                    slot.slotId(),
                    utc(slot.startsAt()),
                    utc(slot.endsAt()),
                    slot.roomIds().toArray(UUID[]::new));
        }
    }

    @EventHandler
    void on(SessionDefined event, @SequenceNumber long seq) {
        if (claim(event.agendaId(), seq, null)) {
            Session session = event.session();
            jdbc.update(
                    """
                    INSERT INTO agenda_session (agenda_id, session_id, title, summary, speakers, duration_minutes,
                        track, tags, required_equipment, expected_audience)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (agenda_id, session_id) DO UPDATE SET title = excluded.title,
                        summary = excluded.summary, speakers = excluded.speakers,
                        duration_minutes = excluded.duration_minutes, track = excluded.track, tags = excluded.tags,
                        required_equipment = excluded.required_equipment,
                        expected_audience = excluded.expected_audience""",
                    id(event.agendaId()),
                    session.sessionId(),
                    session.title(),
                    session.summary(),
                    session.speakers().stream().map(UserId::value).toArray(UUID[]::new),
                    session.durationMinutes(),
                    session.track(),
                    session.tags().toArray(String[]::new),
                    session.requiredEquipment().toArray(String[]::new),
                    session.expectedAudience());
        }
    }

    @EventHandler
    void on(SpeakerAvailabilityStated event, @SequenceNumber long seq) {
        // what speakers stated matters to the rules and the solver, not to anyone reading the
        // agenda
        claim(event.agendaId(), seq, null);
    }

    @EventHandler
    void on(SessionPlaced event, @SequenceNumber long seq) {
        place(event.agendaId(), event.placement(), seq);
    }

    @EventHandler
    void on(SessionMoved event, @SequenceNumber long seq) {
        place(event.agendaId(), event.placement(), seq);
    }

    @EventHandler
    void on(SessionUnassigned event, @SequenceNumber long seq) {
        if (claim(event.agendaId(), seq, null)) {
            jdbc.update(
                    "UPDATE agenda_session SET slot_id = NULL, room_id = NULL WHERE agenda_id = ? AND session_id = ?",
                    id(event.agendaId()),
                    event.sessionId());
        }
    }

    @EventHandler
    void on(SessionLocked event, @SequenceNumber long seq) {
        lock(event.agendaId(), event.sessionId(), true, seq);
    }

    @EventHandler
    void on(SessionUnlocked event, @SequenceNumber long seq) {
        lock(event.agendaId(), event.sessionId(), false, seq);
    }

    @EventHandler
    void on(Published event, @SequenceNumber long seq) {
        claim(event.agendaId(), seq, "published = TRUE");
    }

    @EventHandler
    void on(SessionMarked event, @SequenceNumber long seq) {
        if (claim(event.agendaId(), seq, null)) {
            jdbc.update(
                    """
                    INSERT INTO agenda_mark (agenda_id, session_id, member_id) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""",
                    id(event.agendaId()),
                    event.sessionId(),
                    event.member().value());
        }
    }

    @EventHandler
    void on(SessionUnmarked event, @SequenceNumber long seq) {
        if (claim(event.agendaId(), seq, null)) {
            jdbc.update(
                    "DELETE FROM agenda_mark WHERE agenda_id = ? AND session_id = ? AND member_id = ?",
                    id(event.agendaId()),
                    event.sessionId(),
                    event.member().value());
        }
    }

    @EventHandler
    void on(SolveRequested event, @SequenceNumber long seq, @Timestamp Instant at) {
        if (claim(event.agendaId(), seq, null)) {
            jdbc.update(
                    """
                    INSERT INTO agenda_solve (agenda_id, solve_id, status, time_budget_seconds, requested_at, updated_at)
                    VALUES (?, ?, 'SOLVING', ?, ?, ?) ON CONFLICT DO NOTHING""",
                    id(event.agendaId()),
                    event.solveId(),
                    event.timeBudgetSeconds(),
                    utc(at),
                    utc(at));
        }
    }

    @EventHandler
    void on(SolveProgressed event, @SequenceNumber long seq, @Timestamp Instant at) {
        if (claim(event.agendaId(), seq, null)) {
            jdbc.update(
                    """
                    UPDATE agenda_solve SET hard_score = ?, soft_score = ?, elapsed_millis = ?, updated_at = ?
                    WHERE agenda_id = ? AND solve_id = ? AND status = 'SOLVING'""",
                    event.bestScore().hard(),
                    event.bestScore().soft(),
                    event.elapsedMillis(),
                    utc(at),
                    id(event.agendaId()),
                    event.solveId());
        }
    }

    @EventHandler
    void on(ProposalReceived event, @SequenceNumber long seq, @Timestamp Instant at) {
        if (claim(event.agendaId(), seq, null)) {
            String proposal =
                    write(
                            Map.of(
                                    "placements",
                                    event.placements(),
                                    "brokenGoals",
                                    event.brokenGoals(),
                                    "conflicts",
                                    event.conflicts()));
            jdbc.update(
                    """
                    UPDATE agenda_solve SET status = 'PROPOSED', hard_score = ?, soft_score = ?, elapsed_millis = ?,
                        proposal = ?::jsonb, updated_at = ?
                    WHERE agenda_id = ? AND solve_id = ?""",
                    event.score().hard(),
                    event.score().soft(),
                    event.solvingMillis(),
                    proposal,
                    utc(at),
                    id(event.agendaId()),
                    event.solveId());
        }
    }

    @EventHandler
    void on(ProposalAccepted event, @SequenceNumber long seq, @Timestamp Instant at) {
        decide(event.agendaId(), event.solveId(), "ACCEPTED", seq, at);
    }

    @EventHandler
    void on(ProposalDiscarded event, @SequenceNumber long seq, @Timestamp Instant at) {
        decide(event.agendaId(), event.solveId(), "DISCARDED", seq, at);
    }

    @EventHandler
    void on(SpeakerReminderDue event, @SequenceNumber long seq) {
        claim(event.agendaId(), seq, null);
    }

    @ResetHandler
    void reset() {
        jdbc.update(
                "TRUNCATE agenda_solve, agenda_mark, agenda_session, agenda_slot, agenda_room, agenda");
    }

    private void place(AgendaId agendaId, Placement placement, long seq) {
        if (claim(agendaId, seq, null)) {
            jdbc.update(
                    "UPDATE agenda_session SET slot_id = ?, room_id = ? WHERE agenda_id = ? AND session_id = ?",
                    placement.slotId(),
                    placement.roomId(),
                    id(agendaId),
                    placement.sessionId());
        }
    }

    private void lock(AgendaId agendaId, UUID sessionId, boolean locked, long seq) {
        if (claim(agendaId, seq, null)) {
            jdbc.update(
                    "UPDATE agenda_session SET locked = ? WHERE agenda_id = ? AND session_id = ?",
                    locked,
                    id(agendaId),
                    sessionId);
        }
    }

    private void decide(AgendaId agendaId, UUID solveId, String status, long seq, Instant at) {
        if (claim(agendaId, seq, null)) {
            jdbc.update(
                    "UPDATE agenda_solve SET status = ?, updated_at = ? WHERE agenda_id = ? AND solve_id = ?",
                    status,
                    utc(at),
                    id(agendaId),
                    solveId);
        }
    }

    /**
     * Marks event {@code seq} as applied to the agenda row, with {@code assignments} if any; false
     * when the row already reflects it (or a later event), and the caller must then change nothing
     * else.
     */
    private boolean claim(AgendaId agendaId, long seq, String assignments) {
        String set = assignments == null ? "" : assignments + ", ";
        return jdbc.update(
                        "UPDATE agenda SET " + set + "version = ? WHERE id = ? AND version < ?",
                        seq,
                        id(agendaId),
                        seq)
                == 1;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A proposal cannot be written as JSON", e);
        }
    }

    private static UUID id(AgendaId agendaId) {
        return agendaId.value();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
