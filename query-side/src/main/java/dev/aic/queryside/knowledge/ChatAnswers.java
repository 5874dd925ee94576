package dev.aic.queryside.knowledge;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Prose answers written by a chat model from numbered passages, through an OpenAI-compatible {@code
 * POST /chat/completions}. Off unless {@code aic.ask.chat.url} is set; empty on any failure.
 */
@Component
class ChatAnswers {

    private static final Logger log = LoggerFactory.getLogger(ChatAnswers.class);
    private static final String INSTRUCTIONS =
            "Answer the question using only the numbered sources. After every"
                    + " statement cite its source as [n]. If the sources do not answer the question, say so.";

    private final AskProperties.Chat chat;
    private final RestClient http;

    ChatAnswers(AskProperties properties, ObjectMapper objectMapper) {
        this.chat = properties.chat();
        this.http =
                chat.enabled()
                        ? Json.client(
                                objectMapper,
                                chat.url().toString(),
                                Duration.ofSeconds(2),
                                chat.timeout())
                        : null;
    }

    private record Message(String role, String content) {}

    private record Completion(String model, List<Message> messages, double temperature) {}

    private record Choice(Message message) {}

    private record Completed(List<Choice> choices) {}

    String model() {
        return chat.model();
    }

    boolean enabled() {
        return http != null;
    }

    /** The chat model's answer, or empty when it is off, failed or said nothing. */
    Optional<String> answer(String question, List<ChunkHit> passages) {
        if (http == null || passages.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sources = new StringBuilder();
        for (int i = 0; i < passages.size(); i++) {
            ChunkHit hit = passages.get(i);
            sources.append('[')
                    .append(i + 1)
                    .append("] ")
                    .append(hit.title())
                    .append(", ")
                    .append(SearchResults.location(hit))
                    .append(":\n")
                    .append(hit.text())
                    .append("\n\n");
        }
        var request =
                new Completion(
                        chat.model(),
                        List.of(
                                new Message("system", INSTRUCTIONS),
                                new Message(
                                        "user",
                                        "Sources:\n\n" + sources + "Question: " + question)),
                        0);
        try {
            var spec =
                    http.post()
                            .uri("/chat/completions")
                            .contentType(MediaType.APPLICATION_JSON)
                            .accept(MediaType.APPLICATION_JSON)
                            .body(request);
            if (chat.apiKey() != null && !chat.apiKey().isBlank()) {
                spec = spec.header("Authorization", "Bearer " + chat.apiKey());
            }
            Completed completed = spec.retrieve().body(Completed.class);
            return Optional.ofNullable(completed)
                    .map(Completed::choices)
                    .filter(choices -> !choices.isEmpty())
                    .map(choices -> choices.get(0).message())
                    .map(Message::content)
                    .map(String::strip)
                    .filter(content -> !content.isEmpty());
        } catch (RestClientException | IllegalStateException e) {
            log.warn(
                    "The chat model did not answer; the answer stays extractive: {}",
                    e.getMessage());
            return Optional.empty();
        }
    }
}
