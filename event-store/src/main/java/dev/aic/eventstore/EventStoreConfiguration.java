package dev.aic.eventstore;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The event-sourcing machinery of a service that reads or appends to the event store; each service
 * imports it once. Its beans replace the ones Axon's auto-configuration would build (storage
 * engine, token store), so they must be user configuration, not auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStoreProperties.class)
@Import({StorageEngine.class, EventSerialization.class, TokenClaims.class})
public class EventStoreConfiguration {}
