package dev.aic.commandside.agenda;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long before their session speakers are reminded ({@code
 * aic.agendas.speaker-reminder-offset}).
 */
@ConfigurationProperties("aic.agendas")
public record SpeakerReminderPolicy(@DefaultValue("PT2H") Duration speakerReminderOffset) {}
