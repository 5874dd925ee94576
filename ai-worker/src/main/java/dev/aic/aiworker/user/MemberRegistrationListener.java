package dev.aic.aiworker.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.aiworker.inbox.Inbox;
import dev.aic.contracts.integration.Topics;
import dev.aic.contracts.integration.UserRegisteredIntegrationEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/** Notes new members; later work (personalised recommendations) hangs off this listener. */
@Component
class MemberRegistrationListener {

    private static final Logger log = LoggerFactory.getLogger(MemberRegistrationListener.class);

    private final Inbox inbox;
    private final ObjectMapper json;

    MemberRegistrationListener(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @KafkaListener(topics = Topics.USERS)
    void on(ConsumerRecord<String, String> record, Acknowledgment ack) throws JsonProcessingException {
        var event = json.readValue(record.value(), UserRegisteredIntegrationEvent.class);
        boolean applied = inbox.applyOnce(record, eventId -> log.atInfo()
                .addKeyValue("eventId", eventId)
                .addKeyValue("userId", event.userId())
                .addKeyValue("registeredAt", event.registeredAt())
                .addKeyValue("partition", record.partition())
                .addKeyValue("offset", record.offset())
                .log("Member registered"));
        if (!applied) {
            log.atDebug().addKeyValue("offset", record.offset()).log("Duplicate delivery skipped");
        }
        ack.acknowledge();
    }
}
