package dev.aic.testsupport;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a Spring Boot test at the real infrastructure: a database of its own (named by the
 * {@code aic.test.database} system property, dropped and created once per JVM), the shared Kafka
 * broker and OpenSearch, with indices prefixed by the database name so suites never see each other's.
 *
 * <pre>{@code @SpringBootTest @ContextConfiguration(initializers = RealInfrastructure.class)}</pre>
 */
public class RealInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Endpoints infra = Infrastructure.endpoints();
        String database = System.getProperty("aic.test.database", "aic_it");
        TestPropertyValues.of(
                "spring.datasource.url=" + Infrastructure.freshDatabase(database),
                "spring.datasource.username=" + infra.username(),
                "spring.datasource.password=" + infra.password(),
                "spring.kafka.bootstrap-servers=" + infra.kafkaBootstrap(),
                "aic.opensearch.url=" + infra.openSearchUrl(),
                "aic.opensearch.index-prefix=" + database + "-",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + DevIdentity.start().issuerUri(),
                "aic.security.group-roles[" + DevIdentity.ADMIN_GROUP + "]=ADMIN")
                .applyTo(context);
    }
}
