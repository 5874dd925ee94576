package dev.aic.queryside.eventstore;

import dev.aic.eventstore.EventStoreConfiguration;
import dev.aic.eventstore.EventStoreProperties;
import dev.aic.eventstore.TokenTable;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The shared event-store machinery, and what only the service that reads events from another
 * process adds.
 */
@Configuration(proxyBeanMethods = false)
@Import(EventStoreConfiguration.class)
class EventStoreWiring {

    /**
     * The command-side appends events in another process, so nothing wakes this store's tailing
     * consumers on a commit: they poll. Axon's default of one second between polls once caught up
     * would be the read-your-writes lag; a short delay costs one indexed query per interval.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            EventStoreProperties settings) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(settings.fetchDelay().toMillis())
                .build();
    }

    /**
     * The projections' tokens, in the schema named: the rebuild's transactions point the search
     * path at a shadow schema, where {@code tokenentry} alone would not be this table.
     *
     * @param serializer Axon's general serializer, which its {@code JdbcTokenStore} writes tokens
     *     with
     */
    @Bean
    TokenTable tokenTable(JdbcTemplate jdbc, Serializer serializer) {
        return new TokenTable(jdbc, serializer, "query.tokenentry");
    }
}
