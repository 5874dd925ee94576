package dev.aic.queryside.document;

import java.util.UUID;

/**
 * What the status stream sends on every change: the document's processing status and whether it is
 * searchable.
 */
record DocumentStatus(
        UUID documentId, int currentVersion, ProcessingStatus processing, boolean searchable) {

    static DocumentStatus of(DocumentView document) {
        return new DocumentStatus(
                document.id(),
                document.currentVersion(),
                document.processing(),
                document.searchable());
    }
}
