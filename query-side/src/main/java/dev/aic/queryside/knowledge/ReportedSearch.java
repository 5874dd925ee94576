package dev.aic.queryside.knowledge;

import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.queryside.analytics.Searched;
import java.util.List;

/** What analytics learns of a search or a question: the answer's outline, never its passages. */
final class ReportedSearch {

    private ReportedSearch() {}

    static Searched of(String query, SearchFilter filter, SearchResults results, long latencyMs) {
        return new Searched(
                Searched.Kind.SEARCH,
                query,
                results.mode(),
                filters(filter),
                results.results().size(),
                results.results().stream().map(SearchResults.DocumentResult::documentId).toList(),
                latencyMs,
                results.model() == null ? null : results.model().name(),
                null,
                Boolean.TRUE.equals(results.degraded()));
    }

    static Searched of(AskRequest request, Asking.Asked asked, long latencyMs) {
        Answer answer = asked.answer();
        EmbeddingModel model = asked.embeddingModel();
        return new Searched(
                Searched.Kind.ASK,
                request.question(),
                SearchMode.HYBRID.wire(),
                filters(request.filter()),
                answer.citations().size(),
                answer.citations().stream().map(Answer.Citation::documentId).toList(),
                latencyMs,
                model == null ? null : model.name(),
                asked.chatModel(),
                Boolean.TRUE.equals(answer.degraded()));
    }

    private static Searched.Filters filters(SearchFilter filter) {
        return new Searched.Filters(
                List.copyOf(filter.tags()),
                filter.author(),
                filter.from(),
                filter.to(),
                filter.communityEventId());
    }
}
