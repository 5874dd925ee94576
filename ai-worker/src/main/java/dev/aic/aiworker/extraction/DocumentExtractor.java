package dev.aic.aiworker.extraction;

/**
 * Gives a document's text in sections, or fails with an {@link ExtractionFailedException} that says
 * why.
 */
public interface DocumentExtractor {

    /**
     * The text of a document in sections.
     *
     * @param bytes the document
     * @param mediaType its type as {@link ContentTypes#detect} found it
     * @throws ExtractionFailedException if the document gives no text, with the reason
     */
    ExtractedDocument extract(byte[] bytes, String mediaType);
}
