package dev.aic.queryside.agenda;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An agenda as members read it: its rooms and its sessions, placed ones in time order, then the
 * unplaced.
 */
record AgendaView(
        UUID agendaId,
        UUID eventId,
        boolean published,
        String timeZone,
        long version,
        List<Room> rooms,
        List<SessionView> sessions) {

    record Room(UUID roomId, String name, int capacity, List<String> equipment) {}

    /** A session and, when placed, where and when. */
    record SessionView(
            UUID sessionId,
            String title,
            @Schema(description = "the session's abstract") String summary,
            List<UUID> speakers,
            int durationMinutes,
            String track,
            List<String> tags,
            List<String> requiredEquipment,
            int expectedAudience,
            UUID slotId,
            UUID roomId,
            String roomName,
            Instant startsAt,
            Instant endsAt,
            boolean locked,
            @Schema(description = "how many members marked it") int marks) {

        boolean placed() {
            return startsAt != null;
        }
    }

    AgendaView withSessions(List<SessionView> chosen) {
        return new AgendaView(agendaId, eventId, published, timeZone, version, rooms, chosen);
    }
}
