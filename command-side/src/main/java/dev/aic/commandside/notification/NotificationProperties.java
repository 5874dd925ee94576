package dev.aic.commandside.notification;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How e-mail notifications are sent ({@code aic.notifications.*}); the SMTP server itself is
 * Spring's {@code spring.mail.*}.
 *
 * @param from the sender of every notification
 * @param publicUrl where members reach this service: unsubscribe links point here
 * @param maxAge causes older than this are not notified; a processor that starts from the beginning
 *     of the event store (a new deployment, a reset) does not e-mail the past
 * @param pollInterval how often the dispatcher looks for e-mail to send
 * @param batchSize e-mails sent per look, each committed on its own
 * @param maxAttempts failed sends before an e-mail is given up as FAILED
 * @param firstRetry wait after the first failure; it doubles with every further failure
 * @param maxRetry the longest wait between two attempts
 * @param metricsInterval how often the outbox gauges are refreshed
 */
@ConfigurationProperties("aic.notifications")
record NotificationProperties(
        @DefaultValue("AIC Platform <no-reply@aic.test>") String from,
        @DefaultValue("http://127.0.0.1:8081") URI publicUrl,
        @DefaultValue("PT24H") Duration maxAge,
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("50") int batchSize,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("PT10S") Duration firstRetry,
        @DefaultValue("PT1H") Duration maxRetry,
        @DefaultValue("PT15S") Duration metricsInterval) {

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failures. */
    Duration retryAfter(int attempts) {
        Duration wait = firstRetry.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
