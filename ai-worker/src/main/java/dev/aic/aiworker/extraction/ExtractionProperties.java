package dev.aic.aiworker.extraction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of text extraction ({@code aic.extraction.*}).
 *
 * @param maxBytes the largest document read; larger ones fail with {@link ExtractionFailure#TOO_LARGE}
 * @param maxCharacters the most text taken from one document; more fails with
 *     {@link ExtractionFailure#TOO_MUCH_TEXT}; the default, 10 million, is some 3,000 pages of dense text
 */
@ConfigurationProperties("aic.extraction")
record ExtractionProperties(
        @DefaultValue("50MB") DataSize maxBytes,
        @DefaultValue("10000000") int maxCharacters) {

    ExtractionLimits limits() {
        return new ExtractionLimits(maxBytes.toBytes(), maxCharacters);
    }
}
