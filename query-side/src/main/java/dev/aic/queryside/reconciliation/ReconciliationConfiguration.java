package dev.aic.queryside.reconciliation;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReconciliationConfiguration {

    /** Every streaming processor, present and future, keeps the ledger of the events it takes. */
    @Bean
    ConfigurerModule countProcessedEvents(ProcessedEventCounts counts) {
        return configurer ->
                configurer
                        .eventProcessing()
                        .registerDefaultHandlerInterceptor(
                                (configuration, processor) ->
                                        new ProcessedEventCounting(
                                                processor,
                                                counts,
                                                segment ->
                                                        configuration
                                                                .eventProcessingConfiguration()
                                                                .eventProcessor(
                                                                        processor,
                                                                        StreamingEventProcessor
                                                                                .class)
                                                                .map(
                                                                        streaming ->
                                                                                streaming
                                                                                        .processingStatus()
                                                                                        .get(
                                                                                                segment))
                                                                .map(
                                                                        EventTrackerStatus
                                                                                ::getTrackingToken)));
    }
}
