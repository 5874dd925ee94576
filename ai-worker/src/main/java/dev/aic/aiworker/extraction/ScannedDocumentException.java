package dev.aic.aiworker.extraction;

import dev.aic.contracts.document.ProcessingFailureReason;

/**
 * A PDF with pages but no text to extract: pages that are images, typically a scan. Reported as
 * such (reason {@link ProcessingFailureReason#NO_TEXT}) rather than indexed as an empty document;
 * the ai-worker does no OCR.
 */
public class ScannedDocumentException extends ExtractionFailedException {

    private final int pageCount;

    ScannedDocumentException(int pageCount) {
        super(
                ProcessingFailureReason.NO_TEXT,
                "The PDF has "
                        + pageCount
                        + (pageCount == 1 ? " page" : " pages")
                        + " but no extractable text; it is probably scanned (text recognition is not supported)");
        this.pageCount = pageCount;
    }

    public int pageCount() {
        return pageCount;
    }
}
