package dev.aic.queryside.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a search narrows to besides the caller's audience: documents carrying every one of {@code
 * tags}, uploaded by {@code author}, created in {@code [from, to)}, attached to {@code
 * communityEventId}. Null: no bound.
 */
record SearchFilter(
        List<String> tags, UUID author, Instant from, Instant to, UUID communityEventId) {

    SearchFilter {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    static SearchFilter none() {
        return new SearchFilter(List.of(), null, null, null, null);
    }
}
