package dev.aic.queryside.analytics;

import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aic.analytics}: the key that turns member ids into pseudonyms (Base64 of at least 32
 * bytes), whether the well-known development key may be used, how long search facts are kept and
 * how often the old ones are deleted, and the bounds of the queue between a search and the fact's
 * write.
 */
@ConfigurationProperties("aic.analytics")
public record AnalyticsProperties(
        String pseudonymKey,
        boolean developmentKeyAllowed,
        @DefaultValue("P90D") Duration searchRetention,
        @DefaultValue("PT1H") Duration retentionCheckInterval,
        @DefaultValue("10000") int queueCapacity,
        @DefaultValue("500") int batchSize,
        @DefaultValue("250ms") Duration flushInterval) {

    /**
     * Used when no key is configured: fine on a laptop and in tests, refused where development keys
     * are not allowed.
     */
    public static final String DEVELOPMENT_KEY = "YWljLWxvY2FsLWRldmVsb3BtZW50LXBzZXVkb255bS1rZXk=";

    public AnalyticsProperties {
        pseudonymKey =
                pseudonymKey == null || pseudonymKey.isBlank()
                        ? DEVELOPMENT_KEY
                        : pseudonymKey.trim();
        if (pseudonymKey.equals(DEVELOPMENT_KEY) && !developmentKeyAllowed) {
            throw new IllegalStateException(
                    "AIC_ANALYTICS_PSEUDONYM_KEY is not set and the development key is not "
                            + "allowed here: set it to 32 random bytes in Base64 (docs/analytics.md)");
        }
        if (pseudonymKeyBytes(pseudonymKey).length < 32) {
            throw new IllegalStateException(
                    "AIC_ANALYTICS_PSEUDONYM_KEY must be the Base64 of at least 32 bytes");
        }
        if (searchRetention.isNegative() || searchRetention.isZero()) {
            throw new IllegalStateException(
                    "aic.analytics.search-retention must be positive, not " + searchRetention);
        }
    }

    byte[] pseudonymKeyBytes() {
        return pseudonymKeyBytes(pseudonymKey);
    }

    private static byte[] pseudonymKeyBytes(String key) {
        try {
            return Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("AIC_ANALYTICS_PSEUDONYM_KEY is not Base64", e);
        }
    }

    @Override
    public String toString() {
        return "AnalyticsProperties[pseudonymKey=***, developmentKeyAllowed="
                + developmentKeyAllowed
                + ", searchRetention="
                + searchRetention
                + ", retentionCheckInterval="
                + retentionCheckInterval
                + ", queueCapacity="
                + queueCapacity
                + ", batchSize="
                + batchSize
                + ", flushInterval="
                + flushInterval
                + "]";
    }
}
