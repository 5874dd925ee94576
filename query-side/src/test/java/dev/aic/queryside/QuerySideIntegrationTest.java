package dev.aic.queryside;

import dev.aic.testsupport.RealInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The query-side on real PostgreSQL, OpenSearch and the development identity provider, with the
 * event store's schema applied so a test can publish events itself. One configuration for every
 * suite, so they share one application context (and one set of running processors). Consistency
 * waits are bounded at 500 ms here, so the suite that runs into the bound stays quick. The gap
 * timeout is 3 s, so a transaction held a few seconds makes the processors pass an event for good
 * (reconciliation's {@code LateCommitIT}), and the reconciliation checks every second, so every
 * suite runs with the repair it needs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "aic.consistency.max-wait=500ms",
            "aic.event-store.gap-timeout=3s",
            "aic.reconciliation.check-interval=1s"
        })
@ContextConfiguration(initializers = RealInfrastructure.class)
@Import(EventStoreSchema.class)
public @interface QuerySideIntegrationTest {}
