package dev.aic.commandside.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

/**
 * Decides what an upload is from its bytes (Tika's magic numbers), with the file name only as a
 * hint between types the bytes allow: a PDF sent as text/plain is a PDF, a ZIP named .pdf is a ZIP.
 * The client's Content-Type is never asked.
 */
@Component
class ContentTypes {

    static final String PDF = "application/pdf";
    static final String DOCX =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String PPTX =
            "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    static final String MARKDOWN = "text/markdown";

    /** Tika's name for each accepted type, and the name we record (RFC 7763 for Markdown). */
    private static final Map<String, String> ACCEPTED =
            Map.ofEntries(
                    Map.entry(PDF, PDF),
                    Map.entry(DOCX, DOCX),
                    Map.entry(PPTX, PPTX),
                    Map.entry("text/html", "text/html"),
                    Map.entry("application/xhtml+xml", "text/html"),
                    Map.entry("text/x-web-markdown", MARKDOWN),
                    Map.entry(MARKDOWN, MARKDOWN),
                    Map.entry("text/plain", "text/plain"),
                    Map.entry("image/png", "image/png"),
                    Map.entry("image/jpeg", "image/jpeg"),
                    Map.entry("image/webp", "image/webp"));

    /** The part an OOXML package of each kind must contain: a ZIP named .docx is not a document. */
    private static final Map<String, String> OOXML_MAIN_PART =
            Map.of(DOCX, "word/document.xml", PPTX, "ppt/presentation.xml");

    private final Tika tika = new Tika();

    /**
     * @throws UploadRefusedException for any type that is not accepted
     */
    String detect(Path file, String filename) {
        String detected;
        try (InputStream in = Files.newInputStream(file)) {
            detected = tika.detect(in, filename);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String accepted = ACCEPTED.get(detected);
        if (accepted == null
                || OOXML_MAIN_PART.containsKey(accepted)
                        && !isPackage(file, OOXML_MAIN_PART.get(accepted))) {
            throw UploadRefusedException.unsupported(
                    accepted == null ? detected : "application/zip");
        }
        return accepted;
    }

    private static boolean isPackage(Path file, String mainPart) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry("[Content_Types].xml") != null && zip.getEntry(mainPart) != null;
        } catch (ZipException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
