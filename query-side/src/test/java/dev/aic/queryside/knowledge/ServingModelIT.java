package dev.aic.queryside.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.queryside.QuerySideIntegrationTest;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which model's vectors search compares with while the library is re-embedded. Each case runs in a
 * transaction that is rolled back, in which the other suites' documents are set aside, so the rows
 * it inserts are the whole library and nobody else sees them.
 */
@QuerySideIntegrationTest
class ServingModelIT {

    static final EmbeddingModel OLD = new EmbeddingModel("all-minilm-l6-v2", "0d".repeat(32), 384);
    static final EmbeddingModel NEW = new EmbeddingModel("all-minilm-l6-v2", "0e".repeat(32), 384);

    @Autowired ServingModel servingModel;
    @Autowired EmbeddingClient embeddingClient;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired ObjectMapper objectMapper;

    FakeAiWorker aiWorker;

    @BeforeEach
    void theAiWorkerEmbedsWithTheNewModel() throws IOException {
        aiWorker = new FakeAiWorker(NEW);
        ReflectionTestUtils.setField(
                embeddingClient,
                "http",
                Json.client(
                        objectMapper,
                        aiWorker.url().toString(),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5)));
        ReflectionTestUtils.setField(embeddingClient, "active", null);
    }

    @AfterEach
    void stop() {
        aiWorker.close();
    }

    @Test
    void theOldModelServesUntilEverySearchableDocumentIsIndexedWithTheNewOne() {
        transactions.executeWithoutResult(
                status -> {
                    status.setRollbackOnly();
                    jdbc.update(
                            "UPDATE document SET searchable_version = NULL WHERE searchable_version IS NOT NULL");
                    UUID first = searchableDocument(OLD);
                    UUID second = searchableDocument(OLD);
                    assertThat(servingModel.current().fingerprint()).isEqualTo(OLD.fingerprint());

                    indexed(first, NEW);
                    assertThat(servingModel.current().fingerprint()).isEqualTo(OLD.fingerprint());

                    indexed(second, NEW);
                    assertThat(servingModel.current()).isEqualTo(NEW);
                });
    }

    @Test
    void aQueryEmbeddedWithAnotherFingerprintThanTheServingOneIsRefused() {
        transactions.executeWithoutResult(
                status -> {
                    status.setRollbackOnly();
                    jdbc.update(
                            "UPDATE document SET searchable_version = NULL WHERE searchable_version IS NOT NULL");
                    searchableDocument(OLD);

                    assertThatThrownBy(() -> servingModel.embedQuery("anything"))
                            .isInstanceOf(EmbeddingUnavailableException.class)
                            .hasMessageContaining(OLD.fingerprint());
                });
    }

    @Test
    void anEmptyLibraryIsServedByTheActiveModel() {
        transactions.executeWithoutResult(
                status -> {
                    status.setRollbackOnly();
                    jdbc.update(
                            "UPDATE document SET searchable_version = NULL WHERE searchable_version IS NOT NULL");

                    assertThat(servingModel.embedQuery("anything").model()).isEqualTo(NEW);
                    assertThat(aiWorker.embedded()).containsExactly("anything");
                });
    }

    private UUID searchableDocument(EmbeddingModel model) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update(
                """
                INSERT INTO document (id, owner_id, title, visibility, current_version, content_type, size_bytes,
                    sha256, searchable_version, created_at, updated_at, version)
                VALUES (?, ?, 'Serving', 'MEMBERS', 1, 'text/plain', 1, ?, 1, ?, ?, 3)""",
                id,
                UUID.randomUUID(),
                "0".repeat(64),
                now,
                now);
        indexed(id, model);
        return id;
    }

    private void indexed(UUID document, EmbeddingModel model) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update(
                """
                INSERT INTO document_processing (document_id, document_version, model_name, model_fingerprint, status,
                    chunks_embedded, chunk_count, started_at, updated_at)
                VALUES (?, 1, ?, ?, 'INDEXED', 1, 1, ?, ?)""",
                document,
                model.name(),
                model.fingerprint(),
                now,
                now);
    }
}
