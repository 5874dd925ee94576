package dev.aic.aiworker;

import dev.aic.contracts.integration.Topics;
import dev.aic.testsupport.Infrastructure;
import dev.aic.testsupport.RealInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * One application context for every ai-worker integration test (so that only one set of listeners
 * consumes): the real infrastructure, a content directory under {@code target}, a consumer group of
 * the tests' own for documents (a running ai-worker does not take their records), quick retries,
 * and the re-embedding job run by the tests only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "aic.content.directory=target/it-content",
            "aic.documents.processing.group-id=ai-worker-it",
            "aic.documents.processing.retry.initial-interval=100ms",
            "aic.documents.processing.retry.max-retries=2",
            "aic.documents.processing.reembedding.enabled=false",
            "aic.embedding.batch-size=2"
        })
@ContextConfiguration(
        initializers = {RealInfrastructure.class, AiWorkerIntegrationTest.DocumentsTopic.class})
public @interface AiWorkerIntegrationTest {

    /**
     * The command-side creates the topics the worker consumes, as in a deployment; without it, the
     * tests create them (the worker's principal may not: its consumers would be refused a topic
     * that does not exist yet).
     */
    class DocumentsTopic implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try (Admin admin = Admin.create(Infrastructure.endpoints().kafka().asAdmin())) {
                for (String topic : List.of(Topics.DOCUMENTS, Topics.AGENDA_SOLVE_REQUESTS)) {
                    create(admin, topic);
                }
            }
        }

        private static void create(Admin admin, String topic) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create " + topic, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating " + topic, e);
            }
        }
    }
}
