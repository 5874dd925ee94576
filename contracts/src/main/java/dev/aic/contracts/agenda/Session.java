package dev.aic.contracts.agenda;

import dev.aic.contracts.user.UserId;
import java.util.List;
import java.util.UUID;

/**
 * A talk, workshop or panel to be placed: its speakers are platform users; {@code summary} is its
 * abstract (a word Java reserves); it needs a slot at least {@code durationMinutes} long and a room
 * with its {@code requiredEquipment} seating its {@code expectedAudience}.
 */
public record Session(
        UUID sessionId,
        String title,
        String summary,
        List<UserId> speakers,
        int durationMinutes,
        String track,
        List<String> tags,
        List<String> requiredEquipment,
        int expectedAudience) {

    public Session {
        speakers = speakers == null ? List.of() : List.copyOf(speakers);
        tags = tags == null ? List.of() : List.copyOf(tags);
        requiredEquipment = requiredEquipment == null ? List.of() : List.copyOf(requiredEquipment);
    }
}
