package dev.aic.queryside.document;

import java.util.UUID;

/**
 * One content version of a document as the read model records it: where its bytes are stored and
 * what they are.
 *
 * @param sha256 hex, the digest the command-side computed while storing the bytes: the download's
 *     ETag
 */
record StoredContent(
        UUID documentId,
        int version,
        String storageKey,
        String contentType,
        long sizeBytes,
        String sha256,
        String originalFilename) {}
