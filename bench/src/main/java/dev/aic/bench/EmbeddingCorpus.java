package dev.aic.bench;

import dev.aic.aiworker.chunking.Chunk;
import dev.aic.aiworker.chunking.TextChunker;
import dev.aic.aiworker.extraction.ContentTypes;
import dev.aic.aiworker.extraction.ExtractionLimits;
import dev.aic.aiworker.extraction.TextExtractor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's documents and their chunks: Markdown files of English-like prose from a seeded
 * generator, one {@code ##} section of 70–140 words (about 100–200 tokens) per chunk, so each
 * section is read whole as one chunk.
 *
 * <p>The chunks are cut by the ai-worker's own {@link TextExtractor} and {@link TextChunker}, with
 * its shipped settings (256 tokens, 15 % overlap), from the very bytes that are uploaded: ONNX
 * Runtime alone, langchain4j and the ai-worker therefore embed the same texts. The first heading of
 * every document carries the run's marker, because the command-side answers a re-upload of the same
 * bytes with the document it already has.
 */
final class EmbeddingCorpus {

    /** One uploaded file: its name, its bytes, and the chunks the ai-worker will cut from them. */
    record Document(String filename, String title, byte[] bytes, List<Chunk> chunks) {}

    static final int SECTIONS_PER_DOCUMENT = 16;

    /**
     * The ai-worker's defaults: {@code aic.chunking.max-tokens} 0 (the model's 256) and 15 %
     * overlap.
     */
    static final int MAX_TOKENS = 256;

    static final int OVERLAP_PERCENT = 15;

    private static final String[] SUBJECTS = {
        "the community",
        "our volunteers",
        "the organising team",
        "every member",
        "the local chapter",
        "the research group",
        "the workshop",
        "the speaker",
        "the editorial board",
        "the new committee",
        "a small team of engineers",
        "the retrieval pipeline",
        "the search index",
        "the language model",
        "the knowledge hub",
        "the data steward",
        "a visiting scholar",
        "the student society",
        "the treasurer",
        "the maintainers"
    };
    private static final String[] VERBS = {
        "discussed", "reviewed", "published", "measured", "improved", "documented", "planned",
                "compared",
        "questioned", "summarised", "tested", "presented", "rewrote", "scheduled", "funded",
                "evaluated",
        "translated", "archived", "shared", "explained"
    };
    private static final String[] OBJECTS = {
        "the quarterly report",
        "a proposal for open data",
        "the membership fees",
        "the annual meetup",
        "a tutorial on vector search",
        "the results of the survey",
        "the embedding benchmark",
        "the telescope maintenance schedule",
        "a reading list on machine learning",
        "the volunteer rota",
        "the accessibility guidelines",
        "the minutes of the last meeting",
        "the budget for next year",
        "a short history of the association",
        "the code of conduct",
        "the hybrid search results",
        "the slides of the keynote",
        "a dataset of local weather",
        "the privacy policy",
        "the plan for the summer school"
    };
    private static final String[] MODIFIERS = {
        "in great detail",
        "with some hesitation",
        "before the deadline",
        "after a long debate",
        "for the first time",
        "during the evening session",
        "with the help of new tools",
        "in front of a large audience",
        "without any objections",
        "as part of the yearly review",
        "despite the limited budget",
        "together with partner organisations",
        "in a careful and modest way",
        "using the shared notebooks",
        "while the library was closed",
        "at the request of several members"
    };
    private static final String[] CONNECTORS = {
        "Meanwhile,",
        "As a result,",
        "In addition,",
        "However,",
        "Later that week,",
        "For this reason,",
        "In the end,",
        "At the same time,",
        "Surprisingly,",
        "Once again,"
    };
    private static final String[] TOPICS = {
        "Governance",
        "Events",
        "Finance",
        "Research",
        "Outreach",
        "Infrastructure",
        "Education",
        "Publications",
        "Partnerships",
        "Volunteering",
        "Search quality",
        "Data protection",
        "Astronomy night",
        "Reading group"
    };

    private final List<Document> documents;
    private final List<String> chunkTexts;

    private EmbeddingCorpus(List<Document> documents) {
        this.documents = List.copyOf(documents);
        this.chunkTexts =
                documents.stream()
                        .flatMap(document -> document.chunks().stream())
                        .map(Chunk::text)
                        .toList();
    }

    /**
     * Writes documents until they hold at least {@code chunks} chunks, and chunks them as the
     * ai-worker does.
     *
     * @param runMarker goes into each document's first heading, so a later run's bytes differ from
     *     this one's
     */
    static EmbeddingCorpus generate(
            long seed, int chunks, String runMarker, EmbeddingTokenCounter counter) {
        Random random = new Random(seed);
        TextExtractor extractor =
                new TextExtractor(new ExtractionLimits(50L * 1024 * 1024, 10_000_000));
        TextChunker chunker =
                new TextChunker(counter, MAX_TOKENS, MAX_TOKENS * OVERLAP_PERCENT / 100);
        List<Document> documents = new ArrayList<>();
        int total = 0;
        for (int d = 1; total < chunks; d++) {
            int sections = Math.min(SECTIONS_PER_DOCUMENT, chunks - total);
            String markdown = markdown(random, d, sections, runMarker);
            byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
            String filename = "benchmark-" + d + ".md";
            String mediaType = ContentTypes.detect(bytes, filename);
            List<Chunk> cut = chunker.chunk(extractor.extract(bytes, mediaType));
            documents.add(
                    new Document(
                            filename,
                            "Embedding benchmark document " + d + " (" + runMarker + ")",
                            bytes,
                            cut));
            total += cut.size();
        }
        return new EmbeddingCorpus(documents);
    }

    /** A short question in the corpus's words, for the semantic-search latency. */
    static String query(Random random) {
        return "What did " + pick(random, SUBJECTS) + " say about " + pick(random, OBJECTS) + "?";
    }

    List<Document> documents() {
        return documents;
    }

    /** Every chunk's text, document by document, in order. */
    List<String> chunkTexts() {
        return chunkTexts;
    }

    int tokenCount() {
        return documents.stream()
                .flatMap(document -> document.chunks().stream())
                .mapToInt(Chunk::tokenCount)
                .sum();
    }

    private static String markdown(Random random, int document, int sections, String runMarker) {
        StringBuilder text = new StringBuilder();
        for (int s = 1; s <= sections; s++) {
            text.append("## ")
                    .append(pick(random, TOPICS))
                    .append(' ')
                    .append(document)
                    .append('.')
                    .append(s);
            if (s == 1) {
                text.append(" (").append(runMarker).append(')');
            }
            text.append("\n\n").append(paragraph(random)).append("\n\n");
        }
        return text.toString();
    }

    private static String paragraph(Random random) {
        int words = 70 + random.nextInt(71);
        StringBuilder text = new StringBuilder();
        int written = 0;
        while (written < words) {
            boolean afterConnector = false;
            if (!text.isEmpty()) {
                text.append(' ');
                if (random.nextInt(3) == 0) {
                    text.append(pick(random, CONNECTORS)).append(' ');
                    afterConnector = true;
                }
            }
            String sentence =
                    pick(random, SUBJECTS)
                            + ' '
                            + pick(random, VERBS)
                            + ' '
                            + pick(random, OBJECTS)
                            + ' '
                            + pick(random, MODIFIERS)
                            + '.';
            text.append(
                    afterConnector
                            ? sentence
                            : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1));
            written = text.toString().split(" ").length;
        }
        return text.toString();
    }

    private static String pick(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }
}
