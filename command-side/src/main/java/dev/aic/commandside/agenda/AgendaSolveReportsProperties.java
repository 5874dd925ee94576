package dev.aic.commandside.agenda;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aic.agendas.solve-reports}: the consumer group of the ai-worker's solve reports ({@link
 * AgendaSolveReports}).
 */
@ConfigurationProperties("aic.agendas.solve-reports")
record AgendaSolveReportsProperties(@DefaultValue("command-side-agendas") String groupId) {}
