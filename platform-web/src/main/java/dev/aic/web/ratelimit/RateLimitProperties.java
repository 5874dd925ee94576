package dev.aic.web.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-caller token bucket: {@code capacity} requests at once, refilled at {@code refillPerSecond}.
 * Counted per service instance; the limits are per caller, so a noisy client cannot starve others.
 */
@ConfigurationProperties("aic.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("400") long capacity,
        @DefaultValue("200") long refillPerSecond) {}
