package dev.aic.commandside.agenda;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How long before their session speakers are reminded ({@code aic.agendas.speaker-reminder-offset}). */
@ConfigurationProperties("aic.agendas")
public record SpeakerReminderPolicy(Duration speakerReminderOffset) {

    public SpeakerReminderPolicy {
        speakerReminderOffset = speakerReminderOffset == null ? Duration.ofHours(2) : speakerReminderOffset;
    }
}
