package dev.aic.testsupport;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a Spring Boot test at the real infrastructure: a database of its own (named by the {@code
 * aic.test.database} system property, dropped and created once per JVM), the shared Kafka broker
 * and OpenSearch (signed in as the query-side's user), with indices prefixed by the database name
 * so suites never see each other's. With {@code aic.test.service} set ({@code command-side}, {@code
 * ai-worker}), the application connects with that service's own PostgreSQL role and Kafka
 * principal, as deployed; otherwise as the administrators (a suite that writes the event store
 * itself to feed the query-side, whose role may only read it). A test's own Kafka clients, which
 * play the other side of a topic, sign in as the super user ({@link AdminKafka}, {@code
 * Infrastructure.endpoints().kafka().asAdmin()}).
 *
 * <pre>{@code @SpringBootTest @ContextConfiguration(initializers = RealInfrastructure.class)}</pre>
 */
public class RealInfrastructure
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Endpoints infra = Infrastructure.endpoints();
        String database = System.getProperty("aic.test.database", "aic_it");
        String service = System.getProperty("aic.test.service", "");
        Endpoints.Login login =
                service.isBlank()
                        ? new Endpoints.Login(infra.username(), infra.password())
                        : infra.service(service);
        KafkaLogins kafka = infra.kafka();
        Endpoints.Login kafkaLogin =
                KafkaLogins.SERVICES.contains(service) ? kafka.service(service) : kafka.admin();
        TestPropertyValues.of(kafka.springProperties(kafkaLogin))
                .and(
                        "spring.datasource.url=" + Infrastructure.freshDatabase(database),
                        "spring.datasource.username=" + login.username(),
                        "spring.datasource.password=" + login.password(),
                        // Spring keeps every test context alive with its pool: a fixed pool of 20
                        // per context would
                        // exhaust the server's connections long before the suite ends
                        "spring.datasource.hikari.minimum-idle=1",
                        "spring.datasource.hikari.idle-timeout=10000",
                        "aic.opensearch.url=" + infra.openSearchUrl(),
                        "aic.opensearch.user=" + infra.openSearchQuerySide().username(),
                        "aic.opensearch.password=" + infra.openSearchQuerySide().password(),
                        "aic.opensearch.index-prefix=" + database + "-",
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri="
                                + DevIdentity.start().issuerUri(),
                        "aic.security.group-roles[" + DevIdentity.ADMIN_GROUP + "]=ADMIN")
                .applyTo(context);
    }
}
