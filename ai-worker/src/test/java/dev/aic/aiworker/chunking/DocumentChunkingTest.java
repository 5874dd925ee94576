package dev.aic.aiworker.chunking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.aic.aiworker.embedding.ShippedTokenCounters;
import dev.aic.aiworker.embedding.TokenCounter;
import dev.aic.aiworker.extraction.ContentTypes;
import dev.aic.aiworker.extraction.ExtractedDocument;
import dev.aic.aiworker.extraction.ExtractionLimits;
import dev.aic.aiworker.extraction.SectionLocation;
import dev.aic.aiworker.extraction.TestDocuments;
import dev.aic.aiworker.extraction.TextExtractor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real documents through extraction and chunking, with the shipped model's limit and the default
 * overlap.
 */
class DocumentChunkingTest {

    private static final TokenCounter TOKENS = ShippedTokenCounters.miniLm();
    private static final String PARAGRAPH =
            "Retrieval augmented generation grounds answers in passages. "
                    + "Each passage keeps the page it came from, so an answer can cite it. "
                    + "Chunks overlap a little, so that no sentence loses its context at a boundary. ";

    private final TextExtractor extractor =
            new TextExtractor(new ExtractionLimits(50_000_000, 1_000_000));
    private final TextChunker chunker =
            new TextChunker(TOKENS, TOKENS.maxTokens(), TOKENS.maxTokens() * 15 / 100);

    @Test
    void aLongPdfPageBecomesSeveralCitableChunksOfThatPage() {
        byte[] pdf =
                TestDocuments.pdf(
                        List.of(
                                "Cover page.",
                                String.join(
                                                "\n",
                                                List.of(
                                                        PARAGRAPH.repeat(4),
                                                        PARAGRAPH.repeat(4),
                                                        PARAGRAPH.repeat(4),
                                                        PARAGRAPH.repeat(4)))
                                        .replace(". ", ".\n")));

        ExtractedDocument document = extract(pdf, "paper.pdf");
        List<Chunk> chunks = chunker.chunk(document);

        assertThat(chunks.get(0).location()).isEqualTo(new SectionLocation.Page(1));
        assertThat(chunks.subList(1, chunks.size()))
                .hasSizeGreaterThan(1)
                .allSatisfy(
                        chunk ->
                                assertThat(chunk.location())
                                        .isEqualTo(new SectionLocation.Page(2)));
        assertThat(chunks)
                .allSatisfy(
                        chunk -> {
                            assertThat(chunk.tokenCount()).isLessThanOrEqualTo(TOKENS.maxTokens());
                            assertThat(
                                            document.sections()
                                                    .get(chunk.sectionIndex())
                                                    .text()
                                                    .substring(
                                                            chunk.startOffset(), chunk.endOffset()))
                                    .isEqualTo(chunk.text());
                        });
    }

    @Test
    void docxAndPptxChunksCarryHeadingPathsAndSlides() {
        byte[] docx =
                TestDocuments.docx(
                        List.of(
                                Map.entry("heading1", "Methods"),
                                Map.entry("heading2", "Sampling"),
                                Map.entry("p", "We asked forty members.")));
        byte[] pptx =
                TestDocuments.pptx(
                        List.of("Title slide", "Findings: members prefer evening meetups."));

        assertThat(chunker.chunk(extract(docx, "methods.docx")))
                .extracting(Chunk::location, Chunk::text)
                .containsExactly(
                        tuple(new SectionLocation.Headings(List.of("Methods")), "Methods"),
                        tuple(
                                new SectionLocation.Headings(List.of("Methods", "Sampling")),
                                "Sampling\nWe asked forty members."));
        assertThat(chunker.chunk(extract(pptx, "talk.pptx")))
                .extracting(Chunk::location)
                .containsExactly(new SectionLocation.Slide(1), new SectionLocation.Slide(2));
    }

    @Test
    void extractingAndChunkingTheSameBytesAgainGivesTheSameChunks() {
        byte[] pdf = TestDocuments.pdf(List.of(PARAGRAPH.repeat(6).replace(". ", ".\n")));

        assertThat(chunker.chunk(extract(pdf, "again.pdf")))
                .isEqualTo(chunker.chunk(extract(pdf, "again.pdf")));
    }

    private ExtractedDocument extract(byte[] bytes, String filename) {
        return extractor.extract(bytes, ContentTypes.detect(bytes, filename));
    }
}
