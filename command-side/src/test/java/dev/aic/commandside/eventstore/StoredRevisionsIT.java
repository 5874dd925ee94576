package dev.aic.commandside.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpCancelled;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.contracts.user.UserId;
import dev.aic.testsupport.RealInfrastructure;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The command-side loads aggregates from events an earlier release stored: through the upcasters.
 */
@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
class StoredRevisionsIT {

    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aRevision1CancellationIsReadAsTheCurrentRevision() {
        CommunityEventId event = new CommunityEventId(UUID.randomUUID());
        UserId member = new UserId(UUID.randomUUID());
        jdbc.update(
                """
                INSERT INTO event_store.domainevententry (eventidentifier, metadata, payload, payloadrevision, payloadtype,
                    timestamp, aggregateidentifier, sequencenumber, type)
                VALUES (?, convert_to('{}', 'UTF8'), convert_to(?, 'UTF8'), '1', ?, ?, ?, 0, 'CommunityEvent')""",
                UUID.randomUUID().toString(),
                "{\"eventId\":\"%s\",\"member\":\"%s\",\"hadSeat\":false}".formatted(event, member),
                RsvpCancelled.class.getName(),
                Instant.now().toString(),
                event.toString());

        DomainEventMessage<?> read = eventStore.readEvents(event.toString()).next();

        assertThat(read.getPayload())
                .isEqualTo(new RsvpCancelled(event, member, RsvpState.WAITLISTED));
    }

    @Test
    void aRevision2CancellationOfASeatIsReadAsGivingUpAConfirmedRsvp() {
        CommunityEventId event = new CommunityEventId(UUID.randomUUID());
        UserId member = new UserId(UUID.randomUUID());
        jdbc.update(
                """
                INSERT INTO event_store.domainevententry (eventidentifier, metadata, payload, payloadrevision, payloadtype,
                    timestamp, aggregateidentifier, sequencenumber, type)
                VALUES (?, convert_to('{}', 'UTF8'), convert_to(?, 'UTF8'), '2', ?, ?, ?, 0, 'CommunityEvent')""",
                UUID.randomUUID().toString(),
                "{\"eventId\":\"%s\",\"member\":\"%s\",\"gaveUp\":\"SEAT\"}"
                        .formatted(event, member),
                RsvpCancelled.class.getName(),
                Instant.now().toString(),
                event.toString());

        DomainEventMessage<?> read = eventStore.readEvents(event.toString()).next();

        assertThat(read.getPayload())
                .isEqualTo(new RsvpCancelled(event, member, RsvpState.CONFIRMED));
    }
}
