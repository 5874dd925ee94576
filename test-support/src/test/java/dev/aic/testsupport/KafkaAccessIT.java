package dev.aic.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aic.contracts.integration.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker admits only clients that sign in, and each service's principal may do only what its
 * code does ({@code deploy/kafka/access.txt}): no pod forges the ai-worker's processing reports or
 * a member's registration, and nobody reads the members' topics without a principal allowed to.
 */
class KafkaAccessIT {

    private static final KafkaLogins KAFKA = Infrastructure.endpoints().kafka();

    /**
     * The topics exist, else a refused producer's metadata request would create them with the
     * broker's defaults.
     */
    @BeforeAll
    static void topicsExist() throws Exception {
        try (Admin admin = Admin.create(KAFKA.asAdmin())) {
            for (String topic : List.of(Topics.USERS, Topics.DOCUMENT_PROCESSING)) {
                create(admin, topic);
            }
        }
    }

    @Test
    void aClientWithoutCredentialsGetsNoAnswer() {
        Map<String, Object> anonymous =
                Map.of(
                        "bootstrap.servers",
                        KAFKA.bootstrap(),
                        "request.timeout.ms",
                        3_000,
                        "default.api.timeout.ms",
                        5_000);

        try (Admin admin = Admin.create(anonymous)) {
            Throwable refused =
                    catchThrowable(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS));

            assertThat(refused)
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void aClientWithAWrongPasswordIsRefused() {
        Map<String, Object> config =
                new HashMap<>(
                        KAFKA.clientConfig(
                                new Endpoints.Login(
                                        KAFKA.service("ai-worker").username(),
                                        "not-" + UUID.randomUUID())));
        config.put("request.timeout.ms", 5_000);
        config.put("default.api.timeout.ms", 10_000);

        try (Admin admin = Admin.create(config)) {
            Throwable refused =
                    catchThrowable(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS));

            assertThat(refused)
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void theCommandSideCannotForgeAProcessingReportOfTheAiWorker() {
        Throwable refused = send("command-side", Topics.DOCUMENT_PROCESSING);

        assertThat(refused)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void theAiWorkerCannotForgeAMemberEventOfTheCommandSide() {
        Throwable refused = send("ai-worker", Topics.USERS);

        assertThat(refused)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TopicAuthorizationException.class);
    }

    /**
     * The members' topic is the published contract for other contexts: no service of ours consumes
     * it.
     */
    @Test
    void theAiWorkerCannotReadTheMembersTopic() {
        Map<String, Object> config = new HashMap<>(KAFKA.as("ai-worker"));
        config.put("group.id", "ai-worker-" + UUID.randomUUID());
        try (var consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.USERS));

            Throwable refused = catchThrowable(() -> consumer.poll(Duration.ofSeconds(20)));

            assertThat(refused).isInstanceOf(TopicAuthorizationException.class);
        }
        assertThat(catchThrowable(() -> operations("ai-worker", Topics.USERS)))
                .as("describing the topic")
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void theAiWorkerCannotJoinTheCommandSidesGroupToTakeItsReports() {
        Map<String, Object> config = new HashMap<>(KAFKA.as("ai-worker"));
        config.put("group.id", "command-side-documents");
        try (var consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DOCUMENT_PROCESSING));

            Throwable refused = catchThrowable(() -> consumer.poll(Duration.ofSeconds(20)));

            assertThat(refused).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void eachServiceReadsWhatItConsumesAndWritesWhatItPublishesOnly() throws Exception {
        assertThat(operations("command-side", Topics.USERS))
                .contains(AclOperation.WRITE)
                .doesNotContain(AclOperation.READ);
        assertThat(operations("command-side", Topics.DOCUMENT_PROCESSING))
                .contains(AclOperation.READ)
                .doesNotContain(AclOperation.WRITE);
        assertThat(operations("ai-worker", Topics.DOCUMENT_PROCESSING))
                .contains(AclOperation.WRITE)
                .doesNotContain(AclOperation.READ);
    }

    private static Throwable send(String service, String topic) {
        Map<String, Object> config = new HashMap<>(KAFKA.as(service));
        config.put("max.block.ms", 15_000);
        config.put("delivery.timeout.ms", 20_000);
        config.put("request.timeout.ms", 10_000);
        try (var producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            return catchThrowable(
                    () ->
                            producer.send(
                                            new ProducerRecord<>(
                                                    topic,
                                                    UUID.randomUUID().toString(),
                                                    "{\"forged\":true}"))
                                    .get(30, TimeUnit.SECONDS));
        }
    }

    private static Set<AclOperation> operations(String service, String topic) throws Exception {
        try (Admin admin = Admin.create(KAFKA.as(service))) {
            return admin.describeTopics(
                            List.of(topic),
                            new DescribeTopicsOptions().includeAuthorizedOperations(true))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .authorizedOperations();
        }
    }

    private static void create(Admin admin, String topic) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
