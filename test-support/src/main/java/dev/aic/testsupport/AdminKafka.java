package dev.aic.testsupport;

import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A producer signed in as the broker's super user, for a test that plays the writer of a topic its
 * service only reads (the ai-worker's reports in a command-side test, the command-side's events in
 * an ai-worker test): the application's own template signs in as the service, whose ACLs refuse
 * that.
 */
public final class AdminKafka {

    private static KafkaTemplate<String, String> template;

    private AdminKafka() {}

    /** One per JVM, closed with it. */
    public static synchronized KafkaTemplate<String, String> template() {
        if (template == null) {
            template =
                    new KafkaTemplate<>(
                            new DefaultKafkaProducerFactory<>(
                                    Infrastructure.endpoints().kafka().asAdmin(),
                                    new StringSerializer(),
                                    new StringSerializer()));
        }
        return template;
    }
}
