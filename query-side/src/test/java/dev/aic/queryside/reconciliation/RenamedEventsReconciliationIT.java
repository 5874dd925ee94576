package dev.aic.queryside.reconciliation;

import static dev.aic.queryside.ProjectionNames.USERS;
import static dev.aic.queryside.ProjectionNames.USERS_SEARCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Events stored under a class's former name count as events of today's class: the check finds the
 * processors that handled them even with the store, instead of a surplus it would rewind them for
 * ever (docs/event-evolution.md, "Naming events").
 */
@QuerySideIntegrationTest
class RenamedEventsReconciliationIT {

    private static final Set<String> USER_PROJECTIONS = Set.of(USERS, USERS_SEARCH);

    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired ProjectionCheck check;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    @Test
    void userEventsStoredUnderTheirFormerNamesAreTheUserProjectionsOwn() {
        UserEvents events = new UserEvents(eventStore, jdbc);
        UserId member = new UserId(UUID.randomUUID());
        storedAs(events, "UserRegistered", new UserEvent.Registered(member, "r@example.org", "R"));
        long last =
                storedAs(
                        events,
                        "UserProfileUpdated",
                        new UserEvent.ProfileUpdated(member, "Reconciled", null, List.of(), null));
        long bucket = ProcessedEventCounts.bucketOf(last);

        await().atMost(Duration.ofMinutes(1))
                .untilAsserted(
                        () ->
                                assertThat(check.run())
                                        .filteredOn(
                                                finding ->
                                                        USER_PROJECTIONS.contains(
                                                                finding.processor()))
                                        .hasSize(USER_PROJECTIONS.size())
                                        .allSatisfy(
                                                finding -> {
                                                    assertThat(finding.checkedUpTo())
                                                            .as(
                                                                    "%s read up to",
                                                                    finding.processor())
                                                            .isGreaterThanOrEqualTo(last);
                                                    assertThat(finding.mismatches())
                                                            .as(
                                                                    "%s against the store",
                                                                    finding.processor())
                                                            .noneMatch(
                                                                    mismatch ->
                                                                            mismatch.bucket()
                                                                                    == bucket);
                                                }));
    }

    private long storedAs(UserEvents events, String formerName, UserEvent event) {
        return events.publishStored(
                event.userId(),
                "dev.aic.contracts.user." + formerName,
                serializer.serialize(event, byte[].class).getData());
    }
}
