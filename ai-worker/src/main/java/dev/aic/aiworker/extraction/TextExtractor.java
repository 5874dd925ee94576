package dev.aic.aiworker.extraction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.List;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.SAXException;

/**
 * Extracts a document's text in sections with locations: PDF pages, presentation slides, the heading paths of
 * Word, HTML and Markdown documents. Tika's parsers read PDF, DOCX, PPTX and HTML; Markdown and plain text are
 * decoded (charset detected) and split here.
 *
 * <p>A document either gives text or fails with an {@link ExtractionFailedException} whose reason says why —
 * too large, too much text, no text (a scanned PDF: {@link ScannedDocumentException}), encrypted, corrupt, not a
 * document — never an empty success. Embedded files (attachments, images inside a DOCX) are not read.
 *
 * <p>Stateless and safe for concurrent use.
 */
public final class TextExtractor {

    private static final Parser PARSER = TikaConfig.getDefaultConfig().getParser();

    private final ExtractionLimits limits;

    public TextExtractor(ExtractionLimits limits) {
        this.limits = limits;
    }

    /**
     * The text of a document in sections.
     *
     * @param bytes the document
     * @param mediaType its type as {@link ContentTypes#detect} found it
     * @throws ExtractionFailedException if the document gives no text, with the reason
     */
    public ExtractedDocument extract(byte[] bytes, String mediaType) {
        DocumentFormat format = DocumentFormat.of(mediaType).orElseThrow(() -> new ExtractionFailedException(
                ExtractionFailure.UNSUPPORTED_TYPE, "A file of type " + mediaType + " is not a document the "
                        + "knowledge hub reads; it reads PDF, DOCX, PPTX, HTML, Markdown and plain text"));
        if (bytes.length > limits.maxBytes()) {
            throw new ExtractionFailedException(ExtractionFailure.TOO_LARGE, "The document has " + bytes.length
                    + " bytes, more than the limit of " + limits.maxBytes());
        }
        SectionCollector collector = new SectionCollector(new SectionLocation.Headings(List.of()),
                limits.maxCharacters());
        int units;
        try {
            units = switch (format) {
                case MARKDOWN -> {
                    MarkdownSections.read(decode(bytes), collector);
                    yield 0;
                }
                case TEXT -> {
                    collector.append(decode(bytes));
                    yield 0;
                }
                case PDF, DOCX, PPTX, HTML -> parse(bytes, mediaType, format, collector);
            };
        } catch (EncryptedDocumentException e) {
            throw new ExtractionFailedException(ExtractionFailure.ENCRYPTED, "The " + format
                    + " document is protected by a password: " + e.getMessage(), e);
        } catch (IOException | TikaException | SAXException | RuntimeException e) {
            if (collector.limitReached()) {
                throw tooMuchText(format);
            }
            throw new ExtractionFailedException(ExtractionFailure.CORRUPT, "The " + format
                    + " document cannot be read: " + reason(e), e);
        }
        List<Section> sections = collector.sections();
        if (sections.isEmpty()) {
            if (format == DocumentFormat.PDF && units > 0) {
                throw new ScannedDocumentException(units);
            }
            throw new ExtractionFailedException(ExtractionFailure.NO_TEXT, "The " + format
                    + " document contains no text");
        }
        return new ExtractedDocument(format, sections);
    }

    private static int parse(byte[] bytes, String mediaType, DocumentFormat format, SectionCollector collector)
            throws IOException, TikaException, SAXException {
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, mediaType);
        StructureHandler handler = new StructureHandler(format.structure(), collector);
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            // no Parser in the context: embedded documents are skipped, not parsed
            PARSER.parse(in, handler, metadata, new ParseContext());
        }
        return handler.units();
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
        return new ExtractionFailedException(ExtractionFailure.TOO_MUCH_TEXT, "The " + format
                + " document has more than " + limits.maxCharacters() + " characters of text, the limit");
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + " (" + message + ")";
    }
}
