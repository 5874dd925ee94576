package dev.aic.commandside.notification;

import java.util.regex.Pattern;

/**
 * What is logged and stored of a failed send: the error without the e-mail addresses it names. SMTP
 * servers quote the recipient ("550 5.1.1 &lt;alice@example.org&gt;: user unknown"); a log line or
 * the outbox's {@code last_error} would keep that address outside crypto-shredding, so erasing the
 * member could not remove it.
 */
final class SmtpErrorText {

    private static final Pattern ADDRESS =
            Pattern.compile("[^\\s<>()\\[\\],;:\"']+@[^\\s<>()\\[\\],;:\"']+");

    private SmtpErrorText() {}

    static String of(Exception e) {
        String message =
                e.getMessage() == null
                        ? ""
                        : ADDRESS.matcher(e.getMessage()).replaceAll("<address>");
        return e.getClass().getSimpleName() + ": " + message;
    }
}
