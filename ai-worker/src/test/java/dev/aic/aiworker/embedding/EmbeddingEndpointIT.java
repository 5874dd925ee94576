package dev.aic.aiworker.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.aiworker.AiWorkerIntegrationTest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The query side's view of the embedding endpoint: the same vectors as the documents, problems as
 * RFC 9457.
 */
@AiWorkerIntegrationTest
class EmbeddingEndpointIT {

    @LocalServerPort int port;
    @Autowired EmbeddingModels models;
    @Autowired ObjectMapper json;

    @Test
    void queriesAreEmbeddedWithTheActiveModelExactlyAsDocumentsAre() throws Exception {
        List<String> texts =
                List.of("Where do solar panels work best?", "opening hours of the library");

        ResponseEntity<String> response = post(Map.of("texts", texts));

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode body = json.readTree(response.getBody());
        Embeddings expected = models.active().embed(texts);
        assertThat(json.treeToValue(body.get("model"), EmbeddingModelVersion.class))
                .isEqualTo(expected.model());
        assertThat(body.get("model").get("name").asText()).isEqualTo("all-minilm-l6-v2");
        assertThat(body.get("vectors")).hasSize(2);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(json.treeToValue(body.get("vectors").get(i), float[].class))
                    .containsExactly(expected.vectors().get(i));
        }
    }

    @Test
    void theActiveModelIsNamedWithItsFingerprintAndDimension() throws Exception {
        String body =
                client().get().uri("/internal/embeddings/model").retrieve().body(String.class);

        assertThat(json.readValue(body, EmbeddingModelVersion.class))
                .isEqualTo(models.active().model());
        assertThat(json.readTree(body).get("dimension").asInt()).isEqualTo(384);
    }

    @Test
    void anotherConfiguredModelAnswersWhenNamed() throws Exception {
        ResponseEntity<String> response =
                post(Map.of("texts", List.of("rivers and seas"), "model", "bge-small-en-v15-q"));

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("model").get("name").asText()).isEqualTo("bge-small-en-v15-q");
        assertThat(body.get("model").get("fingerprint").asText())
                .isNotEqualTo(models.active().model().fingerprint());
        assertThat(body.get("vectors").get(0)).hasSize(384);
    }

    @Test
    void blankTextsTooManyTextsAndUnknownModelsAreBadRequestsAsProblemDetails() throws Exception {
        assertProblem(post(Map.of("texts", List.of("fine", "  "))), "texts[1] is blank");
        assertProblem(post(Map.of("texts", Collections.nCopies(65, "a text"))), "1 to 64 texts");
        assertProblem(post(Map.of("texts", List.of())), "1 to 64 texts");
        assertProblem(
                post(Map.of("texts", List.of("a text"), "model", "gpt-17")),
                "Unknown embedding model 'gpt-17'");
    }

    private void assertProblem(ResponseEntity<String> response, String detail) throws Exception {
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType())
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).contains(detail);
    }

    private ResponseEntity<String> post(Map<String, Object> request) {
        return client().post()
                .uri("/internal/embeddings")
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .retrieve()
                .onStatus(HttpStatusCode::isError, (req, res) -> {})
                .toEntity(String.class);
    }

    private RestClient client() {
        return RestClient.create("http://127.0.0.1:" + port);
    }
}
