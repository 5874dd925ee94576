package dev.aic.aiworker.chunking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.aiworker.embedding.ShippedTokenCounters;
import dev.aic.aiworker.embedding.TokenCounter;
import dev.aic.aiworker.extraction.DocumentFormat;
import dev.aic.aiworker.extraction.ExtractedDocument;
import dev.aic.aiworker.extraction.Section;
import dev.aic.aiworker.extraction.SectionLocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Chunks counted with the real tokenizer of the default model, all-MiniLM-L6-v2. */
class TextChunkerTest {

    private static final TokenCounter TOKENS = ShippedTokenCounters.miniLm();

    private static final List<String> SENTENCES =
            List.of(
                    "Members upload talks, papers and slides to the knowledge hub.",
                    "The ai-worker extracts their text.",
                    "It cuts the text into chunks that the embedding model reads whole, because a truncated chunk loses "
                            + "its end without anyone noticing.",
                    "Vectors go to pgvector.",
                    "Search finds passages by meaning, not only by words, and cites the page or slide they came from.",
                    "Overlap keeps a thought together.",
                    "The next meetup starts at 9 a.m. on Tuesday.",
                    "Does hybrid search beat both of its parts on our corpus?",
                    "Yes!");

    @Test
    void chunksNeverExceedTheTokenLimitOfTheModelsTokenizer() {
        List<Chunk> chunks = new TextChunker(TOKENS, 48, 8).chunk(document(page(1, sentences(60))));

        assertThat(chunks)
                .hasSizeGreaterThan(10)
                .allSatisfy(
                        chunk -> {
                            assertThat(chunk.tokenCount()).isLessThanOrEqualTo(48);
                            assertThat(chunk.tokenCount()).isEqualTo(TOKENS.count(chunk.text()));
                        });
    }

    @Test
    void chunksStartAndEndOnSentenceBoundaries() {
        String text = sentences(40);
        List<Chunk> chunks = new TextChunker(TOKENS, 64, 10).chunk(document(page(1, text)));

        Set<Integer> starts = sentenceStarts(text);
        Set<Integer> ends = sentenceEnds(text);
        assertThat(chunks)
                .allSatisfy(
                        chunk -> {
                            assertThat(starts).contains(chunk.startOffset());
                            assertThat(ends).contains(chunk.endOffset());
                        });
    }

    @Test
    void consecutiveChunksOverlapByWholeSentencesWithinTheOverlapBudget() {
        String text = sentences(40);
        List<Chunk> chunks = new TextChunker(TOKENS, 64, 20).chunk(document(page(1, text)));

        Set<Integer> starts = sentenceStarts(text);
        for (int i = 1; i < chunks.size(); i++) {
            Chunk previous = chunks.get(i - 1);
            Chunk next = chunks.get(i);
            assertThat(next.startOffset()).isGreaterThan(previous.startOffset());
            assertThat(next.endOffset()).isGreaterThan(previous.endOffset());
            if (next.startOffset() < previous.endOffset()) {
                String overlap = text.substring(next.startOffset(), previous.endOffset());
                assertThat(starts).contains(next.startOffset());
                assertThat(TOKENS.count(overlap) - TOKENS.specialTokens()).isLessThanOrEqualTo(20);
            }
        }
        long overlapping =
                IntStream.range(1, chunks.size())
                        .filter(i -> chunks.get(i).startOffset() < chunks.get(i - 1).endOffset())
                        .count();
        assertThat(overlapping)
                .as("chunks that repeat a sentence of the previous one")
                .isGreaterThan(chunks.size() / 2);
    }

    @Test
    void withoutOverlapChunksFollowEachOther() {
        String text = sentences(30);
        List<Chunk> chunks = new TextChunker(TOKENS, 64, 0).chunk(document(page(1, text)));

        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).startOffset()).isGreaterThan(chunks.get(i - 1).endOffset());
        }
        assertThat(chunks.get(0).startOffset()).isZero();
        assertThat(chunks.get(chunks.size() - 1).endOffset()).isEqualTo(text.length());
    }

    @Test
    void offsetsSliceTheSectionTextBackToTheChunkText() {
        ExtractedDocument document =
                document(page(1, sentences(25)), page(2, "A short page.\nWith two lines."));
        List<Chunk> chunks = new TextChunker(TOKENS, 40, 8).chunk(document);

        assertThat(chunks)
                .allSatisfy(
                        chunk ->
                                assertThat(
                                                document.sections()
                                                        .get(chunk.sectionIndex())
                                                        .text()
                                                        .substring(
                                                                chunk.startOffset(),
                                                                chunk.endOffset()))
                                        .isEqualTo(chunk.text()));
    }

    @Test
    void aChunkBelongsToOneSectionAndCarriesItsLocation() {
        SectionLocation slide1 = new SectionLocation.Slide(1);
        SectionLocation slide2 = new SectionLocation.Slide(2);
        ExtractedDocument document =
                new ExtractedDocument(
                        DocumentFormat.PPTX,
                        List.of(
                                new Section(0, slide1, "Welcome."),
                                new Section(1, slide2, "Agenda. Talks. Questions.")));

        List<Chunk> chunks = new TextChunker(TOKENS, 256, 38).chunk(document);

        assertThat(chunks).extracting(Chunk::index).containsExactly(0, 1);
        assertThat(chunks)
                .extracting(Chunk::text)
                .containsExactly("Welcome.", "Agenda. Talks. Questions.");
        assertThat(chunks).extracting(Chunk::location).containsExactly(slide1, slide2);
        assertThat(chunks).extracting(Chunk::sectionIndex).containsExactly(0, 1);
    }

    @Test
    void chunkIndexesRunThroughTheWholeDocument() {
        List<Chunk> chunks =
                new TextChunker(TOKENS, 48, 8)
                        .chunk(document(page(1, sentences(20)), page(2, sentences(20))));

        assertThat(chunks)
                .extracting(Chunk::index)
                .containsExactlyElementsOf(IntStream.range(0, chunks.size()).boxed().toList());
        assertThat(chunks)
                .extracting(Chunk::location)
                .contains(new SectionLocation.Page(1), new SectionLocation.Page(2));
    }

    @Test
    void aSentenceLongerThanTheLimitIsSplitBetweenWords() {
        String words =
                String.join(
                        " ",
                        IntStream.range(0, 150)
                                .mapToObj(i -> "word" + (char) ('a' + i % 26))
                                .toList());
        String text = "Short opening. " + words + " and the end.";

        List<Chunk> chunks = new TextChunker(TOKENS, 32, 0).chunk(document(page(1, text)));

        assertThat(chunks)
                .hasSizeGreaterThan(5)
                .allSatisfy(
                        chunk -> {
                            assertThat(chunk.tokenCount()).isLessThanOrEqualTo(32);
                            assertThat(
                                            chunk.startOffset() == 0
                                                    || text.charAt(chunk.startOffset() - 1) == ' ')
                                    .isTrue();
                            assertThat(
                                            chunk.endOffset() == text.length()
                                                    || text.charAt(chunk.endOffset()) == ' ')
                                    .isTrue();
                        });
        assertThat(String.join(" ", chunks.stream().map(Chunk::text).toList())).isEqualTo(text);
    }

    @Test
    void aWordLongerThanTheLimitIsSplitBetweenCharacters() {
        String hash = "f".repeat(400);

        List<Chunk> chunks =
                new TextChunker(TOKENS, 16, 0).chunk(document(page(1, "Checksum " + hash)));

        assertThat(chunks)
                .allSatisfy(chunk -> assertThat(chunk.tokenCount()).isLessThanOrEqualTo(16));
        assertThat(String.join("", chunks.stream().map(Chunk::text).toList()).replace(" ", ""))
                .isEqualTo("Checksum" + hash);
    }

    @Test
    void theSameDocumentGivesTheSameChunks() {
        ExtractedDocument document = document(page(1, sentences(50)), page(2, sentences(7)));

        List<Chunk> first = new TextChunker(TOKENS, 64, 12).chunk(document);
        List<Chunk> second = new TextChunker(TOKENS, 64, 12).chunk(document);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void chunksLargerThanTheModelReadsAreRefused() {
        assertThatThrownBy(() -> new TextChunker(TOKENS, TOKENS.maxTokens() + 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("up to 256 tokens");
        assertThatThrownBy(() -> new TextChunker(TOKENS, 64, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
    }

    private static String sentences(int count) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(SENTENCES.get(i * 7 % SENTENCES.size()));
        }
        return String.join(" ", picked);
    }

    /**
     * Where sentences of {@link #sentences} start: after ". ", "? ", "! " that end one of the known
     * sentences.
     */
    private static Set<Integer> sentenceStarts(String text) {
        Set<Integer> starts = new HashSet<>(Set.of(0));
        sentenceEnds(text).forEach(end -> starts.add(end + 1));
        return starts;
    }

    private static Set<Integer> sentenceEnds(String text) {
        Set<Integer> ends = new HashSet<>();
        int position = 0;
        while (position < text.length()) {
            int from = position;
            String sentence =
                    SENTENCES.stream()
                            .filter(s -> text.startsWith(s, from))
                            .findFirst()
                            .orElseThrow();
            position += sentence.length();
            ends.add(position);
            position++;
        }
        return ends;
    }

    private static Section page(int number, String text) {
        return new Section(number - 1, new SectionLocation.Page(number), text);
    }

    private static ExtractedDocument document(Section... sections) {
        return new ExtractedDocument(DocumentFormat.PDF, List.of(sections));
    }
}
