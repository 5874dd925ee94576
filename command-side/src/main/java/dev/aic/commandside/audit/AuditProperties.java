package dev.aic.commandside.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aic.audit}: how often {@link ChainWatch} verifies the whole audit chain ({@code
 * verifyInterval}), and how long after start-up it does so first ({@code verifyInitialDelay}).
 */
@ConfigurationProperties("aic.audit")
record AuditProperties(
        @DefaultValue("PT1H") Duration verifyInterval,
        @DefaultValue("PT1M") Duration verifyInitialDelay) {}
