package dev.aic.aiworker.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.aiworker.extraction.SectionLocation.Headings;
import dev.aic.aiworker.extraction.SectionLocation.Page;
import dev.aic.aiworker.extraction.SectionLocation.Slide;
import dev.aic.contracts.document.ProcessingFailureReason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TextExtractorTest {

    private static final ExtractionLimits LIMITS =
            new ExtractionLimits(50L * 1024 * 1024, 1_000_000);

    private final TextExtractor extractor = new TextExtractor(LIMITS);

    @Test
    void pdfTextIsSectionedByPage() {
        byte[] pdf =
                TestDocuments.pdf(
                        List.of(
                                "Graph databases store edges.\nThey traverse quickly.",
                                "",
                                "Vector search finds neighbours."));

        ExtractedDocument document = extract(pdf, "talk.pdf");

        assertThat(document.format()).isEqualTo(DocumentFormat.PDF);
        assertThat(document.sections())
                .extracting(Section::location)
                .containsExactly(new Page(1), new Page(3));
        assertThat(document.sections().get(0).text())
                .isEqualTo("Graph databases store edges.\nThey traverse quickly.");
        assertThat(document.sections().get(1).text()).isEqualTo("Vector search finds neighbours.");
        assertThat(document.sections()).extracting(Section::index).containsExactly(0, 1);
    }

    @Test
    void docxTextIsSectionedByHeadingPath() {
        byte[] docx =
                TestDocuments.docx(
                        List.of(
                                Map.entry("p", "A preface before any heading."),
                                Map.entry("heading1", "Introduction"),
                                Map.entry("p", "Why we meet."),
                                Map.entry("heading2", "Background"),
                                Map.entry("p", "Meetups began in 2019."),
                                Map.entry("heading1", "Results"),
                                Map.entry("p", "Attendance doubled.")));

        ExtractedDocument document = extract(docx, "report.docx");

        assertThat(document.format()).isEqualTo(DocumentFormat.DOCX);
        assertThat(document.sections())
                .extracting(Section::location)
                .containsExactly(
                        new Headings(List.of()),
                        new Headings(List.of("Introduction")),
                        new Headings(List.of("Introduction", "Background")),
                        new Headings(List.of("Results")));
        assertThat(document.sections())
                .extracting(Section::text)
                .containsExactly(
                        "A preface before any heading.",
                        "Introduction\nWhy we meet.",
                        "Background\nMeetups began in 2019.",
                        "Results\nAttendance doubled.");
        assertThat(document.sections().get(2).location().describe())
                .isEqualTo("Introduction > Background");
    }

    @Test
    void pptxTextIsSectionedBySlideWithItsNotes() {
        byte[] pptx =
                TestDocuments.pptx(
                        List.of(
                                "Welcome to the workshop",
                                "Embeddings map text to vectors",
                                "Questions"),
                        Map.of(2, "Mention the demo."));

        ExtractedDocument document = extract(pptx, "slides.pptx");

        assertThat(document.format()).isEqualTo(DocumentFormat.PPTX);
        assertThat(document.sections())
                .extracting(Section::location)
                .containsExactly(new Slide(1), new Slide(2), new Slide(3));
        assertThat(document.sections().get(0).text()).isEqualTo("Welcome to the workshop");
        // POI's notes template adds a date and a slide-number field around the notes
        assertThat(document.sections().get(1).text())
                .startsWith("Embeddings map text to vectors\n")
                .contains("\nMention the demo.");
        assertThat(document.sections().get(2).text()).isEqualTo("Questions");
    }

    @Test
    void htmlTextIsSectionedByHeadingPathWithoutTheHead() {
        String html =
                """
                <!DOCTYPE html><html><head><title>Not content</title><style>p {color: red}</style></head>
                <body><p>Intro text.</p>
                <h1>Guide</h1><p>First paragraph.</p><p>Second paragraph.</p>
                <h2>Setup</h2><ul><li>Install</li><li>Run</li></ul>
                <h3>Linux</h3><p>Use the package.</p>
                <h2>Usage</h2><p>Call it.</p>
                <script>var ignored = 1;</script></body></html>""";

        ExtractedDocument document = extract(html.getBytes(StandardCharsets.UTF_8), "guide.html");

        assertThat(document.format()).isEqualTo(DocumentFormat.HTML);
        assertThat(document.sections())
                .extracting(Section::location)
                .containsExactly(
                        new Headings(List.of()),
                        new Headings(List.of("Guide")),
                        new Headings(List.of("Guide", "Setup")),
                        new Headings(List.of("Guide", "Setup", "Linux")),
                        new Headings(List.of("Guide", "Usage")));
        assertThat(document.sections())
                .extracting(Section::text)
                .containsExactly(
                        "Intro text.",
                        "Guide\nFirst paragraph.\nSecond paragraph.",
                        "Setup\nInstall\nRun",
                        "Linux\nUse the package.",
                        "Usage\nCall it.");
    }

    @Test
    void markdownIsSectionedByItsHeadingsButNotByCode() {
        String markdown =
                """
                Opening words.

                # Knowledge hub
                Upload documents.

                ## Search ##
                Find passages.
                ```bash
                # a comment, not a heading
                ./run
                ```

                # Operations
                Back it up.
                """;

        ExtractedDocument document =
                extract(markdown.getBytes(StandardCharsets.UTF_8), "README.md");

        assertThat(document.format()).isEqualTo(DocumentFormat.MARKDOWN);
        assertThat(document.sections())
                .extracting(Section::location)
                .containsExactly(
                        new Headings(List.of()),
                        new Headings(List.of("Knowledge hub")),
                        new Headings(List.of("Knowledge hub", "Search")),
                        new Headings(List.of("Operations")));
        assertThat(document.sections().get(2).text())
                .isEqualTo(
                        "Search\nFind passages.\n```bash\n# a comment, not a heading\n./run\n```");
    }

    @Test
    void plainTextIsOneSectionInItsDetectedCharset() {
        byte[] latin1 =
                "Caf\u00e9 meetups, na\u00efve questions.\n\n\n\nAnswers follow."
                        .getBytes(StandardCharsets.ISO_8859_1);

        ExtractedDocument document = extractor.extract(latin1, "text/plain");

        assertThat(document.sections())
                .singleElement()
                .satisfies(
                        section -> {
                            assertThat(section.location()).isEqualTo(new Headings(List.of()));
                            assertThat(section.text())
                                    .isEqualTo(
                                            "Caf\u00e9 meetups, na\u00efve questions.\nAnswers follow.");
                        });
    }

    @Test
    void aScannedPdfIsReportedAsHavingNoTextWithItsPageCount() {
        byte[] scanned = TestDocuments.imageOnlyPdf(2);

        assertThatThrownBy(() -> extract(scanned, "scan.pdf"))
                .isInstanceOfSatisfying(
                        ScannedDocumentException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(ProcessingFailureReason.NO_TEXT);
                            assertThat(e.pageCount()).isEqualTo(3);
                            assertThat(e)
                                    .hasMessageContaining("3 pages")
                                    .hasMessageContaining("no extractable text");
                        });
    }

    @Test
    void anEmptyTextFileIsReportedAsHavingNoText() {
        assertFailure(
                () -> extractor.extract(" \n\t\n".getBytes(StandardCharsets.UTF_8), "text/plain"),
                ProcessingFailureReason.NO_TEXT,
                "contains no text");
    }

    @Test
    void anImageIsDetectedAndRefused() {
        byte[] png = TestDocuments.png();

        assertThat(ContentTypes.detect(png, "looks-like.pdf")).isEqualTo("image/png");
        assertFailure(
                () -> extract(png, "looks-like.pdf"),
                ProcessingFailureReason.UNSUPPORTED_TYPE,
                "image/png");
    }

    @Test
    void randomBytesAreDetectedAsUnknownAndRefused() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);

        assertThat(ContentTypes.detect(noise, null)).isEqualTo("application/octet-stream");
        assertFailure(
                () -> extract(noise, null),
                ProcessingFailureReason.UNSUPPORTED_TYPE,
                "application/octet-stream");
    }

    @Test
    void theContentDecidesTheTypeNotTheName() {
        assertThat(ContentTypes.detect(TestDocuments.pdf(List.of("x")), "notes.txt"))
                .isEqualTo("application/pdf");
        assertThat(
                        ContentTypes.detect(
                                TestDocuments.docx(List.of(Map.entry("p", "x"))), "file.bin"))
                .isEqualTo(
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(ContentTypes.detect(TestDocuments.pptx(List.of("x")), null))
                .isEqualTo(
                        "application/vnd.openxmlformats-officedocument.presentationml.presentation");
        assertThat(
                        ContentTypes.detect(
                                "<html><body><p>x</p></body></html>"
                                        .getBytes(StandardCharsets.UTF_8),
                                null))
                .isEqualTo("text/html");
        assertThat(ContentTypes.detect("# Title\n".getBytes(StandardCharsets.UTF_8), "notes.md"))
                .isEqualTo("text/markdown");
        assertThat(ContentTypes.detect("plain words".getBytes(StandardCharsets.UTF_8), "notes.txt"))
                .isEqualTo("text/plain");
    }

    @Test
    void aDocumentOverTheByteLimitIsRefusedBeforeParsing() {
        TextExtractor small = new TextExtractor(new ExtractionLimits(100, 1_000_000));
        byte[] pdf =
                TestDocuments.pdf(
                        List.of("Some text that makes the file larger than a thousand bytes."));

        assertFailure(
                () -> small.extract(pdf, "application/pdf"),
                ProcessingFailureReason.TOO_LARGE,
                "limit of 100");
    }

    @Test
    void moreTextThanTheCharacterLimitIsATypedFailure() {
        TextExtractor small = new TextExtractor(new ExtractionLimits(50_000_000, 100));
        byte[] pdf =
                TestDocuments.pdf(
                        List.of(
                                "A line of about forty characters here.",
                                "Another line of about forty characters.",
                                "And a third line, past the limit now."));
        byte[] text = "word ".repeat(100).getBytes(StandardCharsets.UTF_8);

        assertFailure(
                () -> small.extract(pdf, "application/pdf"),
                ProcessingFailureReason.TOO_MUCH_TEXT,
                "100 characters");
        assertFailure(
                () -> small.extract(text, "text/plain"),
                ProcessingFailureReason.TOO_MUCH_TEXT,
                "100 characters");
    }

    @Test
    void anEncryptedPdfIsATypedFailure() {
        byte[] encrypted = TestDocuments.encryptedPdf("Secret minutes of the board.");

        assertFailure(
                () -> extract(encrypted, "minutes.pdf"),
                ProcessingFailureReason.ENCRYPTED,
                "password");
    }

    @Test
    void aCorruptDocumentIsATypedFailureWithTheReason() {
        byte[] docx = TestDocuments.docx(List.of(Map.entry("p", "Some paragraph of text.")));
        byte[] truncated = Arrays.copyOf(docx, docx.length / 2);

        assertFailure(
                () ->
                        extractor.extract(
                                truncated,
                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                ProcessingFailureReason.CORRUPT,
                "cannot be read");
        assertFailure(
                () ->
                        extractor.extract(
                                "%PDF-1.7\nnot really a pdf".getBytes(StandardCharsets.US_ASCII),
                                "application/pdf"),
                ProcessingFailureReason.CORRUPT,
                "cannot be read");
    }

    private ExtractedDocument extract(byte[] bytes, String filename) {
        return extractor.extract(bytes, ContentTypes.detect(bytes, filename));
    }

    private static void assertFailure(
            ThrowingCallable call, ProcessingFailureReason reason, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ExtractionFailedException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }
}
