package dev.aic.aiworker.extraction;

/**
 * What one document may cost: bytes read, and characters of text produced. The character limit also bounds the
 * work of a small file that expands enormously (a zip bomb of a DOCX): parsing stops when it is reached.
 */
public record ExtractionLimits(long maxBytes, int maxCharacters) {

    public ExtractionLimits {
        if (maxBytes < 1 || maxCharacters < 1) {
            throw new IllegalArgumentException("extraction limits must be positive, were " + maxBytes + " bytes and "
                    + maxCharacters + " characters");
        }
    }
}
