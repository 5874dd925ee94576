package dev.aic.web.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-caller token bucket: {@code capacity} requests at once, refilled at {@code refillPerSecond}.
 * Counted per service instance; the limits are per caller, so a noisy client cannot starve others.
 */
@ConfigurationProperties("aic.rate-limit")
public record RateLimitProperties(Boolean enabled, Long capacity, Long refillPerSecond) {

    public RateLimitProperties {
        enabled = enabled == null || enabled;
        capacity = capacity == null ? 400L : capacity;
        refillPerSecond = refillPerSecond == null ? 200L : refillPerSecond;
    }
}
