package dev.aic.commandside.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aic.idempotency}: how long an {@code Idempotency-Key} answers a retried request ({@code
 * retention}) and how often older keys are deleted ({@code cleanupInterval}).
 */
@ConfigurationProperties("aic.idempotency")
record IdempotencyProperties(
        @DefaultValue("PT24H") Duration retention,
        @DefaultValue("PT1H") Duration cleanupInterval) {}
