package dev.aic.commandside;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
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

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
