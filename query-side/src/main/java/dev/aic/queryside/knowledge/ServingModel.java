package dev.aic.queryside.knowledge;

import dev.aic.contracts.document.EmbeddingModel;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The model whose vectors search compares with. Normally the ai-worker's active model; while
 * documents are being re-embedded with a new model, the old one keeps serving until every
 * searchable document has its searchable version indexed with the new one, so a search never sees
 * half the library. Until then the fingerprint that covers the most searchable documents serves.
 */
@Component
class ServingModel {

    private final EmbeddingClient embeddings;
    private final JdbcTemplate jdbc;

    ServingModel(EmbeddingClient embeddings, JdbcTemplate jdbc) {
        this.embeddings = embeddings;
        this.jdbc = jdbc;
    }

    /**
     * The model that serves now. Asks the ai-worker (cached): may throw {@link
     * EmbeddingUnavailableException}.
     */
    EmbeddingModel current() {
        EmbeddingModel active = embeddings.activeModel();
        Integer uncovered =
                jdbc.queryForObject(
                        """
                SELECT count(*) FROM document d
                WHERE d.searchable_version IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM document_processing p
                                  WHERE p.document_id = d.id AND p.document_version = d.searchable_version
                                    AND p.model_fingerprint = ? AND p.status = 'INDEXED')""",
                        Integer.class,
                        active.fingerprint());
        if (uncovered == null || uncovered == 0) {
            return active;
        }
        List<EmbeddingModel> covering =
                jdbc.query(
                        """
                SELECT p.model_name, p.model_fingerprint, count(*) AS documents
                FROM document d
                JOIN document_processing p ON p.document_id = d.id AND p.document_version = d.searchable_version
                WHERE p.status = 'INDEXED'
                GROUP BY p.model_name, p.model_fingerprint
                ORDER BY documents DESC, p.model_fingerprint
                LIMIT 1""",
                        (row, n) ->
                                new EmbeddingModel(
                                        row.getString("model_name"),
                                        row.getString("model_fingerprint"),
                                        active.dimension()),
                        new Object[0]);
        return covering.isEmpty() ? active : covering.get(0);
    }

    /** Embeds the query with the serving model, refusing a vector of any other. */
    EmbeddingClient.Embedding embedQuery(String text) {
        EmbeddingModel serving = current();
        EmbeddingClient.Embedding embedding = embeddings.embed(text, serving.name());
        if (!serving.fingerprint().equals(embedding.model().fingerprint())) {
            throw new EmbeddingUnavailableException(
                    "The ai-worker embedded the query with "
                            + embedding.model().name()
                            + " ("
                            + embedding.model().fingerprint()
                            + "), not the serving model "
                            + serving.name()
                            + " ("
                            + serving.fingerprint()
                            + ")");
        }
        return new EmbeddingClient.Embedding(serving, embedding.vector());
    }
}
