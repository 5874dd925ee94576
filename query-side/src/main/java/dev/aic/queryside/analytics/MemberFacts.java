package dev.aic.queryside.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * A member as analysts see them in {@code analytics-members}: when they joined (and so their
 * cohort), what they are interested in, their roles and whether they are active, under a pseudonym.
 * {@code id} is the document's id, a keyed hash of its own ({@link Pseudonyms#documentOf}), so that
 * it stays when erasure removes the pseudonym.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MemberFacts(
        UUID id,
        @JsonProperty("@timestamp") Instant timestamp,
        String member,
        String cohort,
        List<String> interests,
        List<String> roles,
        boolean active,
        boolean erased) {

    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    MemberFacts {
        interests = interests == null ? List.of() : List.copyOf(interests);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    static MemberFacts registered(UUID id, Instant at, String member, List<String> roles) {
        return new MemberFacts(id, at, member, MONTH.format(at), List.of(), roles, true, false);
    }

    MemberFacts interests(List<String> interests) {
        return new MemberFacts(id, timestamp, member, cohort, interests, roles, active, erased);
    }

    MemberFacts roles(List<String> roles) {
        return new MemberFacts(id, timestamp, member, cohort, interests, roles, active, erased);
    }

    MemberFacts active(boolean active) {
        return new MemberFacts(id, timestamp, member, cohort, interests, roles, active, erased);
    }

    /** What is left of an erased member: when they joined, and that they were one. */
    MemberFacts asErased() {
        return new MemberFacts(id, timestamp, null, cohort, List.of(), List.of(), false, true);
    }
}
