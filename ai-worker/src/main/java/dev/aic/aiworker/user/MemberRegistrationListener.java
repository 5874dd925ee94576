package dev.aic.aiworker.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.messaging.DeliveryAttempts;
import dev.aic.aiworker.inbox.Inbox;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.MemberErasedIntegrationEvent;
import dev.aic.contracts.integration.Topics;
import dev.aic.contracts.integration.UserRegisteredIntegrationEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/** Notes new and erased members; later work (personalised recommendations) hangs off this listener. */
@Component
class MemberRegistrationListener {

    private static final Logger log = LoggerFactory.getLogger(MemberRegistrationListener.class);
    private static final String ERASED = MemberErasedIntegrationEvent.class.getSimpleName();

    private final Inbox inbox;
    private final ObjectMapper json;
    private final DeliveryAttempts attempts;

    MemberRegistrationListener(Inbox inbox, ObjectMapper json, DeliveryAttempts attempts) {
        this.inbox = inbox;
        this.json = json;
        this.attempts = attempts;
    }

    /** Counted before it starts: a record that took the worker down too often is parked ({@link UserKafkaConfiguration}). */
    @KafkaListener(topics = Topics.USERS)
    void on(ConsumerRecord<String, String> record, Acknowledgment ack) {
        // records published before erasure existed carry no type header: they are all registrations
        boolean applied = attempts.attempt(record, () -> apply(record));
        if (!applied) {
            log.atDebug().addKeyValue("offset", record.offset()).log("Duplicate delivery skipped");
        }
        ack.acknowledge();
    }

    private boolean apply(ConsumerRecord<String, String> record) {
        try {
            return ERASED.equals(eventType(record)) ? erased(record) : registered(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unreadable user event at " + record.topic() + "-"
                    + record.partition() + "@" + record.offset() + ": " + e.getOriginalMessage());
        }
    }

    private boolean registered(ConsumerRecord<String, String> record) throws JsonProcessingException {
        var event = json.readValue(record.value(), UserRegisteredIntegrationEvent.class);
        return inbox.applyOnce(record, eventId -> log.atInfo()
                .addKeyValue("eventId", eventId)
                .addKeyValue("userId", event.userId())
                .addKeyValue("registeredAt", event.registeredAt())
                .addKeyValue("partition", record.partition())
                .addKeyValue("offset", record.offset())
                .log("Member registered"));
    }

    /** This worker keeps nothing about members beyond its log lines, which name them by id only. */
    private boolean erased(ConsumerRecord<String, String> record) throws JsonProcessingException {
        var event = json.readValue(record.value(), MemberErasedIntegrationEvent.class);
        return inbox.applyOnce(record, eventId -> log.atInfo()
                .addKeyValue("eventId", eventId)
                .addKeyValue("userId", event.userId())
                .addKeyValue("erasedAt", event.erasedAt())
                .log("Member erased"));
    }

    private static String eventType(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(IntegrationHeaders.EVENT_TYPE);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
