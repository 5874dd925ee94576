package dev.aic.queryside.knowledge;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A question to the knowledge hub, with the filters of a search; {@code limit}: passages cited,
 * default 5.
 */
record AskRequest(
        @NotBlank @Size(max = KnowledgeController.MAX_QUERY) String question,
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> tags,
        UUID author,
        Instant from,
        Instant to,
        UUID communityEventId,
        @Min(1) @Max(20) Integer limit) {

    int limitOrDefault() {
        return limit == null ? 5 : limit;
    }

    SearchFilter filter() {
        return new SearchFilter(tags, author, from, to, communityEventId);
    }
}
