package dev.aic.personaldata;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Events are stored with their personal data encrypted per person (docs/personal-data.md). Every
 * service that reads or writes the event store imports this: the event serializer is Axon's Jackson
 * serializer for messages, wrapped; declaring it under the qualifier {@code eventSerializer}
 * replaces the one Axon's auto-configuration would build, and the storage engine stores and reads
 * events with it. The keys are in the command-side's table.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersonalDataProperties.class)
public class PersonalDataConfiguration {

    @Bean
    SubjectKeys subjectKeys(
            ConnectionProvider connections,
            DataSource dataSource,
            PersonalDataProperties properties,
            ObjectProvider<KeyWriterPoolWrapper> wrapper) {
        return new JdbcSubjectKeys(
                connections,
                dataSource,
                properties.keyWriterConnections(),
                MasterKey.fromBase64(properties.masterKey()),
                properties.keyCacheTtl(),
                wrapper.getIfAvailable(() -> pool -> pool));
    }

    @Bean
    @Qualifier("eventSerializer")
    PersonalDataSerializer eventSerializer(
            @Qualifier("messageSerializer") Serializer messageSerializer, SubjectKeys keys) {
        if (!(messageSerializer instanceof JacksonSerializer jackson)) {
            throw new IllegalStateException(
                    "Events are stored as JSON: set axon.serializer.messages to jackson");
        }
        return new PersonalDataSerializer(jackson, keys);
    }
}
