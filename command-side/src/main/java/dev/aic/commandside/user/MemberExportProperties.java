package dev.aic.commandside.user;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much "export my data" may cost: exports run one after another on {@code workers} threads, at
 * most {@code queue} wait for one (more are refused with 503 until one finishes), a member gets
 * {@code perMember} exports per {@code window}, and an archive is kept for {@code window} after it
 * was requested; expired archives are deleted every {@code cleanupInterval}.
 */
@ConfigurationProperties("aic.member-export")
record MemberExportProperties(
        @DefaultValue("1") int workers,
        @DefaultValue("16") int queue,
        @DefaultValue("3") int perMember,
        @DefaultValue("24h") Duration window,
        @DefaultValue("15m") Duration staleAfter,
        @DefaultValue("PT10M") Duration cleanupInterval) {

    MemberExportProperties {
        if (workers < 1
                || queue < 1
                || perMember < 1
                || window.isNegative()
                || window.isZero()
                || staleAfter.isNegative()
                || staleAfter.isZero()
                || cleanupInterval.isNegative()
                || cleanupInterval.isZero()) {
            throw new IllegalArgumentException(
                    "aic.member-export: workers, queue and per-member must be at least 1,"
                            + " window, stale-after and cleanup-interval positive");
        }
    }
}
