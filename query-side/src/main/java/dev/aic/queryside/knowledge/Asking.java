package dev.aic.queryside.knowledge;

import dev.aic.contracts.document.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Answers a question from the library: the best passages of a hybrid search, quoted and cited in
 * order, or, when a chat model is configured, its prose written from those passages only.
 */
@Component
class Asking {

    static final String NOTHING_FOUND =
            "No passage of the documents you may read matches the question.";

    private final KnowledgeSearch search;
    private final ChatAnswers chat;

    Asking(KnowledgeSearch search, ChatAnswers chat) {
        this.search = search;
        this.chat = chat;
    }

    /**
     * An answer and the models behind it.
     *
     * @param chatModel the model that wrote the answer; null when the answer is extractive
     */
    record Asked(Answer answer, EmbeddingModel embeddingModel, String chatModel) {}

    Asked ask(AskRequest request, Audience.Reader reader) {
        int limit = request.limitOrDefault();
        // each ranking looks deeper than the answer cites, so fusion has something to agree on
        var ranking =
                search.chunks(
                        request.question(),
                        SearchMode.HYBRID,
                        request.filter(),
                        reader,
                        Math.max(limit * 4, 20));
        List<ChunkHit> passages = passages(ranking.chunks(), limit);
        List<Answer.Citation> citations = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            citations.add(Answer.Citation.of(i + 1, passages.get(i)));
        }
        Boolean degraded = ranking.degraded() ? Boolean.TRUE : null;
        return chat.answer(request.question(), passages)
                .map(
                        prose ->
                                new Asked(
                                        new Answer(prose, citations, true, degraded),
                                        ranking.model(),
                                        chat.model()))
                .orElseGet(
                        () ->
                                new Asked(
                                        new Answer(extract(passages), citations, false, degraded),
                                        ranking.model(),
                                        null));
    }

    /**
     * The first {@code limit} chunks, at most three of one document, as a search result shows them:
     * hybrid ranks a document's chunks together, and an answer should not quote one page five
     * times.
     */
    static List<ChunkHit> passages(List<ChunkHit> ranked, int limit) {
        return KnowledgeSearch.atMostPerDocument(
                ranked, KnowledgeSearch.PASSAGES_PER_DOCUMENT, limit);
    }

    /** Each passage's text, whitespace tidied, followed by its citation mark. */
    static String extract(List<ChunkHit> passages) {
        if (passages.isEmpty()) {
            return NOTHING_FOUND;
        }
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < passages.size(); i++) {
            if (i > 0) {
                answer.append(' ');
            }
            answer.append(passages.get(i).text().strip().replaceAll("\\s+", " "))
                    .append(" [")
                    .append(i + 1)
                    .append(']');
        }
        return answer.toString();
    }
}
