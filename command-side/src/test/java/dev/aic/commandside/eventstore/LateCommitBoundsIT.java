package dev.aic.commandside.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The command-side bounds how late an appended event can commit, so that the store's readers (the
 * Kafka publisher, the notifications, the query-side) never stop waiting for a position that still
 * commits: PostgreSQL ends idle transactions and long statements, and a unit of work whose events
 * wait past the commit deadline rolls back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class LateCommitBoundsIT {

    @Autowired JdbcTemplate jdbc;
    @Autowired EventStore eventStore;
    @Autowired TransactionManager transactionManager;

    @Test
    void postgresqlEndsLongStatementsAndIdleTransactionsOfTheEventStoreWriters() {
        assertThat(jdbc.queryForObject("SHOW statement_timeout", String.class)).isEqualTo("30s");
        assertThat(jdbc.queryForObject("SHOW idle_in_transaction_session_timeout", String.class))
                .isEqualTo("1min");
    }

    @Test
    void eventsStampedLongerAgoThanTheCommitDeadlineAreNotCommitted() {
        String late = append(Instant.now().minus(Duration.ofMinutes(2)));
        String prompt = append(Instant.now());

        assertThat(stored(late)).as("an event stamped 2 min before its commit").isZero();
        assertThat(stored(prompt)).as("an event stamped just before its commit").isOne();
    }

    /**
     * Appends a registration stamped {@code at} in a unit of work with a transaction; returns its
     * event id.
     */
    private String append(Instant at) {
        UserId user = new UserId(UUID.randomUUID());
        String eventId = UUID.randomUUID().toString();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        eventStore.publish(
                new GenericDomainEventMessage<>(
                        "User",
                        user.toString(),
                        0,
                        new UserEvent.Registered(user, "late-" + user + "@example.org", "Late"),
                        MetaData.emptyInstance(),
                        eventId,
                        at));
        if (at.isBefore(Instant.now().minus(Duration.ofMinutes(1)))) {
            assertThatThrownBy(unitOfWork::commit).isInstanceOf(EventCommitTooLateException.class);
        } else {
            unitOfWork.commit();
        }
        return eventId;
    }

    private int stored(String eventId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE eventidentifier = ?",
                Integer.class,
                eventId);
    }
}
