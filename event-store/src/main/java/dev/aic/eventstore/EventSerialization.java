package dev.aic.eventstore;

import dev.aic.contracts.EventUpcasters;
import dev.aic.personaldata.PersonalDataConfiguration;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * How the services read and write stored events: with personal data encrypted per person ({@link
 * PersonalDataConfiguration}), and earlier revisions read as today's (Axon puts every EventUpcaster
 * bean into its chain).
 */
@Configuration(proxyBeanMethods = false)
@Import(PersonalDataConfiguration.class)
class EventSerialization {

    @Bean
    EventUpcasterChain publishedEventUpcasters() {
        return EventUpcasters.chain();
    }
}
