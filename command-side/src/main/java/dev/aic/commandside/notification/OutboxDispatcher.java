package dev.aic.commandside.notification;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox over SMTP. Each e-mail is locked, sent and marked sent in a transaction of its
 * own, so instances share the work and a crash repeats at most the one e-mail that was in flight;
 * that one goes out again with the same Message-ID, which lets mail clients recognise it. One SMTP
 * connection serves a whole batch: with TLS (SES) a connection per e-mail would cost a handshake
 * each. A member who unsubscribed or was deactivated after the e-mail was written does not get it.
 * Failures are retried with doubling waits, then the e-mail is marked FAILED with the reason.
 */
@Component
class OutboxDispatcher implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Outbox outbox;
    private final UnsubscribeLinks links;
    private final JavaMailSenderImpl smtp;
    private final TransactionTemplate transactions;
    private final NotificationProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    OutboxDispatcher(
            Outbox outbox,
            UnsubscribeLinks links,
            JavaMailSenderImpl smtp,
            TransactionTemplate transactions,
            NotificationProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.links = links;
        this.smtp = smtp;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::sendDue, properties.pollInterval());
    }

    void sendDue() {
        try (Connection connection = new Connection()) {
            for (int i = 0; i < properties.batchSize(); i++) {
                Boolean sent =
                        transactions.execute(
                                status ->
                                        outbox.lockNextDue(clock.instant())
                                                .map(email -> send(email, connection))
                                                .orElse(false));
                if (!Boolean.TRUE.equals(sent)) {
                    return;
                }
            }
        }
    }

    /**
     * Whether the batch goes on: false after a failure, so an outage costs one attempt per batch,
     * not fifty.
     */
    private boolean send(Outbox.Pending email, Connection connection) {
        if (!email.to().wants(email.topic())) {
            outbox.suppress(email.cause());
            count(email, "suppressed");
            return true;
        }
        try {
            MimeMessage message = message(email);
            connection.open().sendMessage(message, message.getAllRecipients());
            outbox.markSent(email.cause(), clock.instant());
            count(email, "sent");
            return true;
        } catch (MessagingException | UnsupportedEncodingException e) {
            connection.close();
            String reason = SmtpErrorText.of(e);
            int failures = email.attempts() + 1;
            if (failures >= properties.maxAttempts()) {
                log.error(
                        "Giving up e-mail {} after {} attempts: {}",
                        email.cause(),
                        failures,
                        reason);
                outbox.giveUp(email.cause(), reason);
                count(email, "failed");
            } else {
                Instant next = clock.instant().plus(properties.retryAfter(failures));
                log.warn(
                        "E-mail {} not sent (attempt {}), retrying at {}: {}",
                        email.cause(),
                        failures,
                        next,
                        reason);
                outbox.retryLater(email.cause(), next, reason);
                count(email, "retried");
            }
            return false;
        }
    }

    private MimeMessage message(Outbox.Pending email)
            throws MessagingException, UnsupportedEncodingException {
        String unsubscribe = links.url(email.unsubscribeToken());
        MimeMessage message =
                new StableIdMessage(
                        smtp.getSession(),
                        "<"
                                + UUID.nameUUIDFromBytes(
                                        email.cause().getBytes(StandardCharsets.UTF_8))
                                + "@aic-platform>");
        message.setFrom(new InternetAddress(properties.from()));
        message.setRecipient(
                MimeMessage.RecipientType.TO,
                new InternetAddress(
                        email.to().email(),
                        email.to().displayName(),
                        StandardCharsets.UTF_8.name()));
        message.setSubject(email.email().subject(), StandardCharsets.UTF_8.name());
        message.setText(email.email().body(), StandardCharsets.UTF_8.name());
        message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-AIC-Topic", email.topic().name());
        message.setSentDate(Date.from(clock.instant()));
        message.saveChanges();
        return message;
    }

    private void count(Outbox.Pending email, String outcome) {
        meters.counter("aic.notifications", "topic", email.topic().name(), "outcome", outcome)
                .increment();
    }

    /** The batch's SMTP connection, opened at its first e-mail and again after a failure. */
    private final class Connection implements AutoCloseable {

        private Transport transport;

        Transport open() throws MessagingException {
            if (transport == null || !transport.isConnected()) {
                transport = smtp.getSession().getTransport(smtp.getProtocol());
                // no user name (an empty AIC_SMTP_USERNAME) means no login, as in
                // JavaMailSenderImpl
                boolean anonymous = smtp.getUsername() == null || smtp.getUsername().isEmpty();
                transport.connect(
                        smtp.getHost(),
                        smtp.getPort(),
                        anonymous ? null : smtp.getUsername(),
                        anonymous ? null : smtp.getPassword());
            }
            return transport;
        }

        @Override
        public void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    log.debug("Closing the SMTP connection failed", e);
                }
                transport = null;
            }
        }
    }

    /**
     * Keeps the Message-ID derived from the cause instead of the random one JavaMail assigns on
     * sending.
     */
    private static final class StableIdMessage extends MimeMessage {

        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
