package dev.aic.commandside.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.junit.jupiter.api.Test;

class SmtpErrorTextTest {

    @Test
    void theErrorKeepsItsKindAndCodeButNoAddress() {
        String text =
                SmtpErrorText.of(
                        new SendFailedException(
                                "550 5.1.1 <Alice.Smith+events@example.org>: Recipient address rejected; also bob@example.test"));

        assertThat(text)
                .isEqualTo(
                        "SendFailedException: 550 5.1.1 <<address>>: Recipient address rejected; also <address>");
    }

    @Test
    void anErrorWithoutMessageIsItsKind() {
        assertThat(SmtpErrorText.of(new MessagingException())).isEqualTo("MessagingException: ");
    }
}
