package dev.aic.queryside.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DocumentFactsTest {

    private final DocumentFacts html =
            DocumentFacts.uploaded(
                    UUID.randomUUID(),
                    Instant.parse("2026-12-01T10:00:00Z"),
                    1,
                    "text/html",
                    2_000,
                    List.of(),
                    "MEMBERS",
                    null);

    @Test
    void chunksWithoutPagesLeaveAFormatWithoutPagesWithoutPages() {
        // an HTML page's chunks have no page: the rebuild of analytics-documents stopped on this
        // once
        assertThat(html.pagesSeen(null).pages()).isNull();
    }

    @Test
    void theHighestPageSeenIsKept() {
        assertThat(html.pagesSeen(3).pagesSeen(null).pagesSeen(2).pages()).isEqualTo(3);
        assertThat(html.pagesSeen(3).pagesSeen(7).pages()).isEqualTo(7);
    }
}
