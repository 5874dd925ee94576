package dev.aic.commandside;

import dev.aic.web.demo.DemoTime;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Ids and the time are injected (aggregates take the clock as a handler parameter), so that tests
 * can fix them.
 */
@Configuration(proxyBeanMethods = false)
class IdAndClockConfiguration {

    @Bean
    Supplier<UUID> idSupplier() {
        return UUID::randomUUID;
    }

    /**
     * The system clock; on a development machine that allows backdating, the {@link DemoTime}'s
     * clock, which is then also the clock Axon stamps new events with (a static of Axon's), so a
     * request's events carry the time it named.
     */
    @Bean
    Clock clock(ObjectProvider<DemoTime> demoTime) {
        DemoTime demo = demoTime.getIfAvailable();
        if (demo == null) {
            return Clock.systemUTC();
        }
        GenericEventMessage.clock = demo.clock();
        return demo.clock();
    }
}
