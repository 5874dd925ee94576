package dev.aic.queryside;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The command-side owns the event store's schema; these suites write events themselves, so they
 * apply it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EventStoreSchema {

    @Bean
    FlywayMigrationStrategy eventStoreFirst(DataSource dataSource) {
        return querySide -> {
            Flyway.configure()
                    .dataSource(dataSource)
                    .schemas("event_store")
                    .locations("filesystem:../command-side/src/main/resources/db/migration")
                    .load()
                    .migrate();
            querySide.migrate();
        };
    }
}
