package dev.aic.aiworker.extraction;

import java.util.List;

/**
 * The text of a document, in reading order, in sections that each have one location. Never empty.
 */
public record ExtractedDocument(DocumentFormat format, List<Section> sections) {

    public ExtractedDocument {
        sections = List.copyOf(sections);
    }
}
