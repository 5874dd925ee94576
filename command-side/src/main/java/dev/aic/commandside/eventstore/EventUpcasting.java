package dev.aic.commandside.eventstore;

import dev.aic.contracts.EventUpcasters;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Stored events of earlier revisions are read as today's: Axon puts every EventUpcaster bean into its chain. */
@Configuration(proxyBeanMethods = false)
class EventUpcasting {

    @Bean
    EventUpcasterChain publishedEventUpcasters() {
        return EventUpcasters.chain();
    }
}
