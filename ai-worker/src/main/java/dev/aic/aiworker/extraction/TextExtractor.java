package dev.aic.aiworker.extraction;

import dev.aic.contracts.document.ProcessingFailureReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.SecureContentHandler;
import org.xml.sax.SAXException;

/**
 * Extracts a document's text in sections with locations: PDF pages, presentation slides, the
 * heading paths of Word, HTML and Markdown documents. Tika's parsers read PDF, DOCX, PPTX and HTML;
 * Markdown and plain text are decoded (charset detected) and split here.
 *
 * <p>A document either gives text or fails with an {@link ExtractionFailedException} whose reason
 * says why — too large, too much text, no text (a scanned PDF: {@link ScannedDocumentException}),
 * encrypted, corrupt, not a document — never an empty success. Embedded files (attachments, images
 * inside a DOCX) are not read.
 *
 * <p>Inside the parser, Tika's {@link SecureContentHandler} stops a document whose text outgrows
 * its bytes by more than the compression ratio of the {@link ExtractionLimits}, or whose XML nests
 * too deep; the page limit stops a document of countless pages. Tika's XML parsers resolve no
 * external entity and no DTD. What no check inside the parser can bound — memory and time — is
 * bounded by running this extractor in a process of its own ({@link IsolatedTextExtractor}).
 *
 * <p>Stateless and safe for concurrent use.
 */
public final class TextExtractor implements DocumentExtractor {

    private static final Parser PARSER = TikaConfig.getDefaultConfig().getParser();

    private final ExtractionLimits limits;

    public TextExtractor(ExtractionLimits limits) {
        this.limits = limits;
    }

    @Override
    public ExtractedDocument extract(byte[] bytes, String mediaType) {
        DocumentFormat format = admit(bytes, mediaType, limits);
        SectionCollector collector =
                new SectionCollector(
                        new SectionLocation.Headings(List.of()), limits.maxCharacters());
        int units;
        try {
            units =
                    switch (format) {
                        case MARKDOWN -> {
                            MarkdownSections.read(decode(bytes), collector);
                            yield 0;
                        }
                        case TEXT -> {
                            collector.append(decode(bytes));
                            yield 0;
                        }
                        case PDF -> {
                            refuseTooManyPages(bytes, format);
                            yield parse(bytes, mediaType, format, collector, limits);
                        }
                        case DOCX, PPTX, HTML -> parse(bytes, mediaType, format, collector, limits);
                    };
        } catch (ExtractionFailedException e) {
            throw e;
        } catch (StructureHandler.PageLimitReached e) {
            throw tooManyPages(format);
        } catch (EncryptedDocumentException e) {
            throw new ExtractionFailedException(
                    ProcessingFailureReason.ENCRYPTED,
                    "The " + format + " document is protected by a password: " + e.getMessage(),
                    e);
        } catch (IOException | TikaException | SAXException | RuntimeException e) {
            if (collector.limitReached()) {
                throw tooMuchText(format);
            }
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof StructureHandler.PageLimitReached) {
                    throw tooManyPages(format);
                }
            }
            throw new ExtractionFailedException(
                    ProcessingFailureReason.CORRUPT,
                    "The " + format + " document cannot be read: " + reason(e),
                    e);
        }
        List<Section> sections = collector.sections();
        if (sections.isEmpty()) {
            if (format == DocumentFormat.PDF && units > 0) {
                throw new ScannedDocumentException(units);
            }
            throw new ExtractionFailedException(
                    ProcessingFailureReason.NO_TEXT,
                    "The " + format + " document contains no text");
        }
        return new ExtractedDocument(format, sections);
    }

    /** The document's format, if it is one the knowledge hub reads and within the byte limit. */
    static DocumentFormat admit(byte[] bytes, String mediaType, ExtractionLimits limits) {
        DocumentFormat format =
                DocumentFormat.of(mediaType)
                        .orElseThrow(
                                () ->
                                        new ExtractionFailedException(
                                                ProcessingFailureReason.UNSUPPORTED_TYPE,
                                                "A file of type "
                                                        + mediaType
                                                        + " is not a document the "
                                                        + "knowledge hub reads; it reads PDF, DOCX, PPTX, HTML, Markdown and plain text"));
        if (bytes.length > limits.maxBytes()) {
            throw new ExtractionFailedException(
                    ProcessingFailureReason.TOO_LARGE,
                    "The document has "
                            + bytes.length
                            + " bytes, more than the limit of "
                            + limits.maxBytes());
        }
        return format;
    }

    private static int parse(
            byte[] bytes,
            String mediaType,
            DocumentFormat format,
            SectionCollector collector,
            ExtractionLimits limits)
            throws IOException, TikaException, SAXException {
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, mediaType);
        StructureHandler handler =
                new StructureHandler(format.structure(), collector, limits.maxPages());
        try (TikaInputStream in = TikaInputStream.get(bytes)) {
            SecureContentHandler secure = new SecureContentHandler(handler, in);
            secure.setMaximumCompressionRatio(limits.maxCompressionRatio());
            secure.setMaximumDepth(limits.maxDepth());
            try {
                // no Parser in the context: embedded documents are skipped, not parsed
                PARSER.parse(in, secure, metadata, new ParseContext());
            } catch (SAXException e) {
                throwIfSecurityLimit(secure, e, format, limits);
                throw e;
            }
        }
        return handler.units();
    }

    private static void throwIfSecurityLimit(
            SecureContentHandler secure,
            SAXException e,
            DocumentFormat format,
            ExtractionLimits limits) {
        try {
            secure.throwIfCauseOf(e);
        } catch (TikaException bomb) {
            String message = String.valueOf(bomb.getMessage());
            if (message.toLowerCase(java.util.Locale.ROOT).contains("depth")) {
                throw new ExtractionFailedException(
                        ProcessingFailureReason.TOO_DEEPLY_NESTED,
                        "The "
                                + format
                                + " document nests its elements deeper than the limit of "
                                + limits.maxDepth(),
                        bomb);
            }
            throw new ExtractionFailedException(
                    ProcessingFailureReason.TOO_LARGE_WHEN_EXTRACTED,
                    "The "
                            + format
                            + " document unpacks to more than "
                            + limits.maxCompressionRatio()
                            + " characters of text per byte of the file, the limit ("
                            + message
                            + ")",
                    bomb);
        }
    }

    private static String decode(byte[] bytes) throws IOException, TikaException {
        try (Reader reader = new AutoDetectReader(new ByteArrayInputStream(bytes))) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
                text.append(buffer, 0, read);
            }
            return text.toString();
        }
    }

    private ExtractionFailedException tooMuchText(DocumentFormat format) {
        return new ExtractionFailedException(
                ProcessingFailureReason.TOO_MUCH_TEXT,
                "The "
                        + format
                        + " document has more than "
                        + limits.maxCharacters()
                        + " characters of text, the limit");
    }

    /**
     * A PDF's page count is in its page tree: read before parsing, it stops a file of countless
     * empty pages at once, where the parser would spend minutes before the page limit. A file
     * PDFBox cannot open here (damaged, encrypted) is left to the parser, which says why.
     */
    private void refuseTooManyPages(byte[] bytes, DocumentFormat format) {
        int pages;
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            pages = pdf.getNumberOfPages();
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (pages > limits.maxPages()) {
            throw new ExtractionFailedException(
                    ProcessingFailureReason.TOO_LARGE_WHEN_EXTRACTED,
                    "The "
                            + format
                            + " document has "
                            + pages
                            + " pages, more than the limit of "
                            + limits.maxPages());
        }
    }

    private ExtractionFailedException tooManyPages(DocumentFormat format) {
        return new ExtractionFailedException(
                ProcessingFailureReason.TOO_LARGE_WHEN_EXTRACTED,
                "The "
                        + format
                        + " document has more than "
                        + limits.maxPages()
                        + " pages or slides, the limit");
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message =
                root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + " (" + message + ")";
    }
}
