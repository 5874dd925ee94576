package dev.aic.contracts.communityevent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identity of a community event; serialised as its bare UUID so event JSON stays flat. */
public record CommunityEventId(UUID value) {

    public CommunityEventId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static CommunityEventId of(String value) {
        return new CommunityEventId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
