package dev.aic.contracts.agenda;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.aic.contracts.communityevent.CommunityEventId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** Identity of a community event's agenda; serialised as its bare UUID so event JSON stays flat. */
public record AgendaId(UUID value) {

    public AgendaId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A community event has one agenda, whose id follows from the event's: no lookup is needed to
     * find it.
     */
    public static AgendaId of(CommunityEventId eventId) {
        return new AgendaId(
                UUID.nameUUIDFromBytes(("agenda:" + eventId).getBytes(StandardCharsets.UTF_8)));
    }

    @JsonCreator
    public static AgendaId of(String value) {
        return new AgendaId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
