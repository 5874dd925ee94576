package dev.aic.contracts.agenda;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identity of a community event's agenda; serialised as its bare UUID so event JSON stays flat. */
public record AgendaId(UUID value) {

    public AgendaId {
        Objects.requireNonNull(value, "value");
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
