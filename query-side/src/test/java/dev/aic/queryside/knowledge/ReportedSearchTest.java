package dev.aic.queryside.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.queryside.analytics.Searched;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportedSearchTest {

    private static final EmbeddingModel MODEL =
            new EmbeddingModel("all-minilm-l6-v2", "a".repeat(64), 384);

    @Test
    void aSearchIsReportedWithItsDocumentsInOrderAndItsModel() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        SearchResults results =
                new SearchResults(
                        "hybrid",
                        new SearchResults.ModelView(MODEL.name(), MODEL.fingerprint()),
                        null,
                        List.of(result(first), result(second)));
        SearchFilter filter = new SearchFilter(List.of("ml"), null, null, null, null);

        Searched searched = ReportedSearch.of("loss", filter, results, 12);

        assertThat(searched.kind()).isEqualTo(Searched.Kind.SEARCH);
        assertThat(searched.query()).isEqualTo("loss");
        assertThat(searched.mode()).isEqualTo("hybrid");
        assertThat(searched.resultCount()).isEqualTo(2);
        assertThat(searched.documentIds()).containsExactly(first, second);
        assertThat(searched.embeddingModel()).isEqualTo(MODEL.name());
        assertThat(searched.degraded()).isFalse();
        assertThat(searched.latencyMs()).isEqualTo(12);
        assertThat(searched.filters().tags()).containsExactly("ml");
    }

    @Test
    void aSearchThatFellBackToWordsIsReportedDegradedWithoutModel() {
        SearchResults results = new SearchResults("hybrid", null, Boolean.TRUE, List.of());

        Searched searched = ReportedSearch.of("loss", SearchFilter.none(), results, 3);

        assertThat(searched.degraded()).isTrue();
        assertThat(searched.embeddingModel()).isNull();
        assertThat(searched.resultCount()).isZero();
    }

    @Test
    void aQuestionIsReportedWithItsCitedDocumentsAndTheChatModel() {
        UUID document = UUID.randomUUID();
        Answer answer =
                new Answer(
                        "It descends. [1]",
                        List.of(
                                new Answer.Citation(
                                        1,
                                        document,
                                        "Notes",
                                        1,
                                        1,
                                        null,
                                        List.of(),
                                        "page 1",
                                        0,
                                        10,
                                        "It descends.",
                                        "/x")),
                        true,
                        null);
        AskRequest request = new AskRequest("How?", List.of(), null, null, null, null, null);

        Searched searched =
                ReportedSearch.of(request, new Asking.Asked(answer, MODEL, "a-chat-model"), 30);

        assertThat(searched.kind()).isEqualTo(Searched.Kind.ASK);
        assertThat(searched.mode()).isEqualTo("hybrid");
        assertThat(searched.resultCount()).isEqualTo(1);
        assertThat(searched.documentIds()).containsExactly(document);
        assertThat(searched.embeddingModel()).isEqualTo(MODEL.name());
        assertThat(searched.chatModel()).isEqualTo("a-chat-model");
    }

    private static SearchResults.DocumentResult result(UUID id) {
        return new SearchResults.DocumentResult(
                id, "A title", List.of(), UUID.randomUUID(), 1, 0.5, List.of());
    }
}
