package dev.aic.commandside;

import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Ids are injected so that tests can fix them. */
@Configuration(proxyBeanMethods = false)
class IdConfiguration {

    @Bean
    Supplier<UUID> idSupplier() {
        return UUID::randomUUID;
    }
}
