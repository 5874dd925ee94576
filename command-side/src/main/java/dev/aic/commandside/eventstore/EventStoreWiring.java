package dev.aic.commandside.eventstore;

import dev.aic.eventstore.EventStoreConfiguration;
import dev.aic.eventstore.EventStoreProperties;
import java.time.Clock;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The shared event-store machinery, and what only the service that appends events adds to it. */
@Configuration(proxyBeanMethods = false)
@Import(EventStoreConfiguration.class)
class EventStoreWiring {

    /** Every event appended through the store commits within the deadline or not at all. */
    @Bean
    SmartInitializingSingleton eventCommitDeadline(
            EventStore eventStore, EventStoreProperties settings, Clock clock) {
        return () ->
                eventStore.registerDispatchInterceptor(
                        new EventCommitDeadline(settings.commitDeadline(), clock));
    }
}
