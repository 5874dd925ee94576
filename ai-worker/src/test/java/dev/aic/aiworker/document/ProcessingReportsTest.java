package dev.aic.aiworker.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.aiworker.extraction.SectionLocation;
import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.integration.DocumentProcessingReport.Completed;
import dev.aic.contracts.integration.DocumentProcessingReport.Started;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProcessingReportsTest {

    private static final UUID DOCUMENT = UUID.fromString("6f1c9a52-3d8e-4b7a-9c21-0e5f4d3b2a10");
    private static final EmbeddingModel MINILM =
            new EmbeddingModel("all-minilm-l6-v2", "aa11", 384);
    private static final EmbeddingModel BGE = new EmbeddingModel("bge-small-en-v15-q", "bb22", 384);

    @Test
    void aReportProcessedAgainGetsTheSameEventId() {
        var started = new Started(DOCUMENT, 3, MINILM);

        assertThat(ProcessingReports.eventId(started, "Started", 0))
                .isEqualTo(
                        ProcessingReports.eventId(new Started(DOCUMENT, 3, MINILM), "Started", 0));
    }

    @Test
    void eventIdsDifferByVersionModelKindAndFirstChunk() {
        var started = new Started(DOCUMENT, 3, MINILM);
        String id = ProcessingReports.eventId(started, "Embedded", 0);

        assertThat(
                        List.of(
                                ProcessingReports.eventId(
                                        new Started(DOCUMENT, 4, MINILM), "Embedded", 0),
                                ProcessingReports.eventId(
                                        new Started(DOCUMENT, 3, BGE), "Embedded", 0),
                                ProcessingReports.eventId(
                                        new Completed(DOCUMENT, 3, MINILM, 5), "Completed", 0),
                                ProcessingReports.eventId(started, "Embedded", 16)))
                .doesNotContain(id)
                .doesNotHaveDuplicates();
    }

    @Test
    void sectionLocationsBecomeTheChunkLocationsOfTheContract() {
        assertThat(DocumentProcessor.location(new SectionLocation.Page(2)))
                .isEqualTo(ChunkLocation.page(2));
        assertThat(DocumentProcessor.location(new SectionLocation.Slide(5)))
                .isEqualTo(ChunkLocation.slide(5));
        assertThat(
                        DocumentProcessor.location(
                                new SectionLocation.Headings(List.of("Intro", "Scope"))))
                .isEqualTo(ChunkLocation.headings(List.of("Intro", "Scope")));
    }
}
