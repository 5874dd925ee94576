package dev.aic.aiworker.extraction;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The document formats the knowledge hub reads, by the media types {@link ContentTypes#detect}
 * gives them.
 */
public enum DocumentFormat {
    PDF(Structure.PAGES, "application/pdf"),
    DOCX(
            Structure.HEADINGS,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    PPTX(
            Structure.SLIDES,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    HTML(Structure.HEADINGS, "text/html", "application/xhtml+xml"),
    MARKDOWN(Structure.HEADINGS, "text/x-web-markdown", "text/markdown"),
    TEXT(Structure.HEADINGS, "text/plain");

    /** What divides a document of the format into sections. */
    enum Structure {
        PAGES,
        SLIDES,
        HEADINGS
    }

    private final Structure structure;
    private final Set<String> mediaTypes;

    DocumentFormat(Structure structure, String... mediaTypes) {
        this.structure = structure;
        this.mediaTypes = Set.of(mediaTypes);
    }

    Structure structure() {
        return structure;
    }

    /**
     * The format of a media type, parameters such as {@code charset} ignored; empty if it is not a
     * document.
     */
    public static Optional<DocumentFormat> of(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        int parameters = mediaType.indexOf(';');
        String base =
                (parameters < 0 ? mediaType : mediaType.substring(0, parameters))
                        .trim()
                        .toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(format -> format.mediaTypes.contains(base))
                .findFirst();
    }
}
