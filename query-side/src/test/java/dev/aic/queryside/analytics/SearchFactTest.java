package dev.aic.queryside.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SearchFactTest {

    private static final Pseudonyms PSEUDONYMS =
            new Pseudonyms("a key of thirty-two bytes or more".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");
    private static final UUID SEARCH = UUID.fromString("5f1e2d3c-4b5a-4968-8776-655443322110");

    @Test
    void aSearchKeepsItsQueryModeFiltersCountTopTenDocumentsLatencyAndModel() {
        UUID author = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        List<UUID> documents = IntStream.range(0, 14).mapToObj(i -> UUID.randomUUID()).toList();
        Searched searched =
                new Searched(
                        Searched.Kind.SEARCH,
                        "gradient descent",
                        "hybrid",
                        new Searched.Filters(
                                List.of("ml"), author, AT.minusSeconds(60), null, event),
                        14,
                        documents,
                        42,
                        "all-minilm-l6-v2",
                        null,
                        false);

        SearchFact fact = SearchFact.searched(SEARCH, AT, "member-pseudonym", searched, PSEUDONYMS);

        assertThat(fact.searchId()).isEqualTo(SEARCH.toString());
        assertThat(fact.type()).isEqualTo("search");
        assertThat(fact.timestamp()).isEqualTo(AT);
        assertThat(fact.member()).isEqualTo("member-pseudonym");
        assertThat(fact.query()).isEqualTo("gradient descent");
        assertThat(fact.mode()).isEqualTo("hybrid");
        assertThat(fact.resultCount()).isEqualTo(14);
        assertThat(fact.documentIds())
                .hasSize(SearchFact.TOP_DOCUMENTS)
                .containsExactlyElementsOf(
                        documents.subList(0, 10).stream().map(UUID::toString).toList());
        assertThat(fact.latencyMs()).isEqualTo(42);
        assertThat(fact.embeddingModel()).isEqualTo("all-minilm-l6-v2");
        assertThat(fact.degraded()).isFalse();
        assertThat(fact.filters().tags()).containsExactly("ml");
        assertThat(fact.filters().author()).isEqualTo(PSEUDONYMS.of(author));
        assertThat(fact.filters().communityEventId()).isEqualTo(event.toString());
    }

    @Test
    void aDocumentCitedTwiceCountsOnceAmongTheTopDocuments() {
        UUID document = UUID.randomUUID();
        Searched asked =
                new Searched(
                        Searched.Kind.ASK,
                        "why?",
                        "hybrid",
                        new Searched.Filters(null, null, null, null, null),
                        2,
                        List.of(document, document),
                        7,
                        null,
                        "a-chat-model",
                        true);

        SearchFact fact = SearchFact.searched(SEARCH, AT, "member-pseudonym", asked, PSEUDONYMS);

        assertThat(fact.type()).isEqualTo("ask");
        assertThat(fact.documentIds()).containsExactly(document.toString());
        assertThat(fact.chatModel()).isEqualTo("a-chat-model");
        assertThat(fact.degraded()).isTrue();
    }

    @Test
    void theIndexedJsonHasATimestampAndOnlyTheFieldsThatApply() throws Exception {
        UUID document = UUID.randomUUID();

        JsonNode click =
                JSON.valueToTree(SearchFact.clicked(SEARCH, AT, "member-pseudonym", document, 3));

        assertThat(click.get("@timestamp").asText()).isEqualTo("2026-03-01T10:15:30Z");
        assertThat(click.get("type").asText()).isEqualTo("click");
        assertThat(click.get("searchId").asText()).isEqualTo(SEARCH.toString());
        assertThat(click.get("documentId").asText()).isEqualTo(document.toString());
        assertThat(click.get("rank").asInt()).isEqualTo(3);
        assertThat(click.has("query")).isFalse();
        assertThat(click.has("timestamp")).isFalse();
        assertThat(JSON.treeToValue(click, SearchFact.class))
                .isEqualTo(SearchFact.clicked(SEARCH, AT, "member-pseudonym", document, 3));
    }
}
