package dev.aic.aiworker.extraction;

/**
 * What one document may cost inside the parser: bytes read, characters of text produced, pages or
 * slides, the ratio of text out to bytes in (a zip bomb's signature) and the nesting of its XML.
 * The character limit also bounds the work of a small file that expands enormously: parsing stops
 * when it is reached. Memory and wall time are bounded around the parser, by {@link
 * IsolatedTextExtractor}.
 */
public record ExtractionLimits(
        long maxBytes, int maxCharacters, int maxPages, long maxCompressionRatio, int maxDepth) {

    public static final int DEFAULT_MAX_PAGES = 10_000;
    public static final long DEFAULT_MAX_COMPRESSION_RATIO = 100;
    public static final int DEFAULT_MAX_DEPTH = 100;

    public ExtractionLimits {
        if (maxBytes < 1
                || maxCharacters < 1
                || maxPages < 1
                || maxCompressionRatio < 1
                || maxDepth < 1) {
            throw new IllegalArgumentException(
                    "extraction limits must be positive, were "
                            + maxBytes
                            + " bytes, "
                            + maxCharacters
                            + " characters, "
                            + maxPages
                            + " pages, a ratio of "
                            + maxCompressionRatio
                            + " and a depth of "
                            + maxDepth);
        }
    }

    public ExtractionLimits(long maxBytes, int maxCharacters) {
        this(
                maxBytes,
                maxCharacters,
                DEFAULT_MAX_PAGES,
                DEFAULT_MAX_COMPRESSION_RATIO,
                DEFAULT_MAX_DEPTH);
    }
}
