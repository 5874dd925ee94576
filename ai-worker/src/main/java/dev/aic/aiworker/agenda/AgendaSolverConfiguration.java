package dev.aic.aiworker.agenda;

import dev.aic.aiworker.document.DocumentProcessingProperties;
import dev.aic.contracts.integration.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The solver, built once from {@link SolverSettings}, and the reports topic the ai-worker publishes
 * to.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SolverSettings.class)
class AgendaSolverConfiguration {

    @Bean
    AgendaSolver agendaSolver(SolverSettings settings) {
        return new AgendaSolver(settings);
    }

    /** Declared by the command-side too; whichever starts first creates it. */
    @Bean
    NewTopic agendaSolveReportsTopic(DocumentProcessingProperties properties) {
        return TopicBuilder.name(Topics.AGENDA_SOLVE_REPORTS)
                .partitions(properties.topics().partitions())
                .replicas(properties.topics().replicationFactor())
                .build();
    }
}
