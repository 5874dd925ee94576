package dev.aic.aiworker.extraction;

import dev.aic.contracts.document.ProcessingFailureReason;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of text extraction ({@code aic.extraction.*}); docs/knowledge-hub.md lists them.
 *
 * @param maxBytes the largest document read; larger ones fail with {@link
 *     ProcessingFailureReason#TOO_LARGE}
 * @param maxCharacters the most text taken from one document; more fails with {@link
 *     ProcessingFailureReason#TOO_MUCH_TEXT}; the default, 10 million, is some 3,000 pages of dense
 *     text
 * @param maxPages the most pages or slides; more fails with {@link
 *     ProcessingFailureReason#TOO_LARGE_WHEN_EXTRACTED}
 * @param maxCompressionRatio the most characters of text per byte of the file, once more than a
 *     million characters came out (Tika's zip-bomb check); more fails with {@link
 *     ProcessingFailureReason#TOO_LARGE_WHEN_EXTRACTED}
 * @param maxDepth the deepest nesting of elements; deeper fails with {@link
 *     ProcessingFailureReason#TOO_DEEPLY_NESTED}
 * @param process the extraction process: heap, deadline, how many at once
 */
@ConfigurationProperties("aic.extraction")
record ExtractionProperties(
        @DefaultValue("50MB") DataSize maxBytes,
        @DefaultValue("10000000") int maxCharacters,
        @DefaultValue("10000") int maxPages,
        @DefaultValue("100") long maxCompressionRatio,
        @DefaultValue("100") int maxDepth,
        @DefaultValue Process process) {

    /**
     * @param heap the heap of one extraction process; more fails with {@link
     *     ProcessingFailureReason#TOO_LARGE_WHEN_EXTRACTED}
     * @param timeout how long one document's extraction may take; longer fails with {@link
     *     ProcessingFailureReason#EXTRACTION_TIMEOUT}
     * @param concurrency how many documents are extracted at once; the others wait
     */
    record Process(
            @DefaultValue("512MB") DataSize heap,
            @DefaultValue("60s") Duration timeout,
            @DefaultValue("2") int concurrency) {}

    ExtractionLimits limits() {
        return new ExtractionLimits(
                maxBytes.toBytes(), maxCharacters, maxPages, maxCompressionRatio, maxDepth);
    }

    IsolatedTextExtractor.Settings settings() {
        return new IsolatedTextExtractor.Settings(
                process.heap().toBytes(), process.timeout(), process.concurrency());
    }
}
