package dev.aic.aiworker.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.contracts.document.ProcessingFailureReason;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each document in a process of its own: whatever a hostile file does, the result is a typed
 * failure.
 */
class IsolatedTextExtractorTest {

    private static final ExtractionLimits LIMITS =
            new ExtractionLimits(60L * 1024 * 1024, 10_000_000);
    private static final IsolatedTextExtractor.Settings SETTINGS =
            new IsolatedTextExtractor.Settings(256L * 1024 * 1024, Duration.ofSeconds(60), 2);

    private final IsolatedTextExtractor extractor = new IsolatedTextExtractor(LIMITS, SETTINGS);

    @Test
    void aNormalDocumentGivesTheSameSectionsAsInProcess() {
        byte[] docx =
                TestDocuments.docx(
                        List.of(
                                Map.entry("heading1", "Introduction"),
                                Map.entry("p", "Why we meet.")));
        String type = ContentTypes.detect(docx, "a.docx");

        assertThat(extractor.extract(docx, type))
                .isEqualTo(new TextExtractor(LIMITS).extract(docx, type));
    }

    @Test
    void zipBombsOfWordAndPowerPointAreTooLargeWhenExtracted() {
        assertFailure(
                HostileDocuments.docxBomb(2L << 30),
                "bomb.docx",
                ProcessingFailureReason.TOO_LARGE_WHEN_EXTRACTED);
        assertFailure(
                HostileDocuments.pptxBomb(1L << 30),
                "bomb.pptx",
                ProcessingFailureReason.TOO_LARGE_WHEN_EXTRACTED);
    }

    @Test
    void aZipBombInsideAWordDocumentIsNotUnpacked() {
        byte[] docx = HostileDocuments.docxWithZipBombInside(1L << 30);

        ExtractedDocument document =
                extractor.extract(docx, ContentTypes.detect(docx, "carrier.docx"));

        assertThat(document.sections())
                .extracting(Section::text)
                .containsExactly("A document that carries an archive.");
    }

    @Test
    void externalEntitiesAreNeverResolved(@TempDir Path directory) throws Exception {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "the-secret-of-the-host");
        try (ServerSocket listener = new ServerSocket(0)) {
            AtomicInteger fetches = new AtomicInteger();
            Thread server = new Thread(() -> accept(listener, fetches));
            server.setDaemon(true);
            server.start();
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/secret";
            for (byte[] file :
                    List.of(
                            HostileDocuments.docxWithExternalEntity(secret.toUri().toString()),
                            HostileDocuments.docxWithExternalEntity(url),
                            HostileDocuments.xhtmlWithExternalEntity(secret.toUri().toString()),
                            HostileDocuments.xhtmlWithExternalEntity(url))) {
                assertNothingOf(file, "the-secret-of-the-host");
            }
            assertThat(fetches).as("requests to the entity's URL").hasValue(0);
        }
    }

    @Test
    void entityExpansionDoesNotExpand() {
        assertNothingOf(HostileDocuments.docxBillionLaughs(), "lollollol");
    }

    @Test
    void aDeeplyNestedDocumentIsTooDeeplyNested() {
        assertFailure(
                HostileDocuments.deeplyNestedDocx(100_000),
                "deep.docx",
                ProcessingFailureReason.TOO_DEEPLY_NESTED);
    }

    @Test
    void aDeeplyNestedWebPageIsReadWithoutHarm() {
        byte[] html = HostileDocuments.deeplyNestedHtml(100_000);

        assertThat(extractor.extract(html, ContentTypes.detect(html, "deep.html")).sections())
                .extracting(Section::text)
                .containsExactly("deep");
    }

    @Test
    void aPdfOfCountlessEmptyPagesIsTooLargeWhenExtracted() {
        assertFailure(
                HostileDocuments.emptyPagesPdf(100_000),
                "pages.pdf",
                ProcessingFailureReason.TOO_LARGE_WHEN_EXTRACTED);
    }

    @Test
    void truncatedAndDamagedOfficeAndPdfFilesAreCorrupt() {
        byte[] pdf = TestDocuments.pdf(List.of("One page of text.", "Another page."));
        byte[] docx = TestDocuments.docx(List.of(Map.entry("p", "Some text. ".repeat(500))));
        byte[] pptx = TestDocuments.pptx(List.of("A slide.", "Another slide."));
        for (var file : Map.of("a.pdf", pdf, "a.docx", docx, "a.pptx", pptx).entrySet()) {
            String type = ContentTypes.detect(file.getValue(), file.getKey());
            assertThatThrownBy(
                            () ->
                                    extractor.extract(
                                            HostileDocuments.truncated(file.getValue()), type))
                    .as("truncated " + file.getKey())
                    .isInstanceOfSatisfying(
                            ExtractionFailedException.class,
                            e ->
                                    assertThat(e.reason())
                                            .isIn(
                                                    ProcessingFailureReason.CORRUPT,
                                                    ProcessingFailureReason.NO_TEXT));
            assertThatThrownBy(
                            () ->
                                    extractor.extract(
                                            HostileDocuments.corrupted(file.getValue()), type))
                    .as("damaged " + file.getKey())
                    .isInstanceOfSatisfying(
                            ExtractionFailedException.class,
                            e ->
                                    assertThat(e.reason())
                                            .isIn(
                                                    ProcessingFailureReason.CORRUPT,
                                                    ProcessingFailureReason.NO_TEXT));
        }
    }

    @Test
    void aPictureClaimingTenBillionPixelsIsNotADocument() {
        assertFailure(
                HostileDocuments.pngClaiming(100_000, 100_000),
                "huge.png",
                ProcessingFailureReason.UNSUPPORTED_TYPE);
    }

    @Test
    void aFiftyMegabyteLineIsTooMuchText() {
        assertFailure(
                HostileDocuments.singleLineText(50 * 1024 * 1024),
                "line.txt",
                ProcessingFailureReason.TOO_MUCH_TEXT);
    }

    @Test
    void aMarkdownLineBuiltToBacktrackIsExtracted() {
        byte[] markdown = HostileDocuments.backtrackingMarkdown(200_000);

        ExtractedDocument document =
                extractor.extract(markdown, ContentTypes.detect(markdown, "slow.md"));

        assertThat(document.sections()).hasSize(1);
    }

    @Test
    void aDocumentThatNeedsMoreThanTheProcessHeapIsTooLargeWhenExtracted() {
        IsolatedTextExtractor small =
                new IsolatedTextExtractor(
                        LIMITS,
                        new IsolatedTextExtractor.Settings(
                                16L * 1024 * 1024, Duration.ofSeconds(60), 1));
        byte[] docx =
                TestDocuments.docx(
                        List.of(Map.entry("p", "Plenty of ordinary words. ".repeat(400_000))));

        assertThatThrownBy(() -> small.extract(docx, ContentTypes.detect(docx, "big.docx")))
                .isInstanceOfSatisfying(
                        ExtractionFailedException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(
                                                ProcessingFailureReason.TOO_LARGE_WHEN_EXTRACTED))
                .hasMessageContaining("16 MB of memory");
    }

    @Test
    void aDocumentStillExtractingAtTheDeadlineIsStoppedAndTimedOut() {
        IsolatedTextExtractor hasty =
                new IsolatedTextExtractor(
                        LIMITS,
                        new IsolatedTextExtractor.Settings(
                                256L * 1024 * 1024, Duration.ofMillis(50), 1));
        byte[] pdf = TestDocuments.pdf(List.of("A page."));

        assertThatThrownBy(() -> hasty.extract(pdf, "application/pdf"))
                .isInstanceOfSatisfying(
                        ExtractionFailedException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(ProcessingFailureReason.EXTRACTION_TIMEOUT));
    }

    private void assertFailure(byte[] file, String filename, ProcessingFailureReason reason) {
        assertThatThrownBy(() -> extractor.extract(file, ContentTypes.detect(file, filename)))
                .as(filename)
                .isInstanceOfSatisfying(
                        ExtractionFailedException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    /** Extracted or failed, what the file names is not in its text. */
    private void assertNothingOf(byte[] file, String secret) {
        String type = ContentTypes.detect(file, "file");
        try {
            assertThat(extractor.extract(file, type).sections())
                    .allSatisfy(section -> assertThat(section.text()).doesNotContain(secret));
        } catch (ExtractionFailedException e) {
            assertThat(e.getMessage()).doesNotContain(secret);
        }
    }

    private static void accept(ServerSocket listener, AtomicInteger fetches) {
        while (!listener.isClosed()) {
            try (Socket connection = listener.accept()) {
                fetches.incrementAndGet();
                connection
                        .getOutputStream()
                        .write(
                                "HTTP/1.0 200 OK\r\n\r\nthe-secret-of-the-host"
                                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }
}
