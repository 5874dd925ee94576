package dev.aic.commandside.communityevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.commandside.CommandSideApplication;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.communityevent.Visibility;
import dev.aic.contracts.user.UserId;
import dev.aic.testsupport.RealInfrastructure;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A reminder set before a restart is still sent after it: the deadline is stored with the RSVP, the
 * service stops before it is due, and a new instance on the same database delivers it exactly once.
 */
class ReminderSurvivesRestartIT {

    private static final Duration OFFSET = Duration.ofHours(1);
    private static final Duration DUE_AFTER_RSVP = Duration.ofSeconds(8);

    @Test
    void aReminderSetBeforeARestartIsSentOnceAfterIt() {
        CommunityEventId event = new CommunityEventId(UUID.randomUUID());
        UserId member = new UserId(UUID.randomUUID());
        Instant remindAt;

        try (ConfigurableApplicationContext before = commandSide()) {
            CommandGateway commands = before.getBean(CommandGateway.class);
            Actor organizer = new Actor(new UserId(UUID.randomUUID()), false);
            Instant startsAt = Instant.now().plus(OFFSET).plus(DUE_AFTER_RSVP);
            commands.sendAndWait(
                    new CommunityEventCommands.Draft(
                            event,
                            organizer,
                            new Details(
                                    "Restart drill",
                                    null,
                                    "Server room",
                                    null,
                                    List.of(),
                                    Visibility.MEMBERS),
                            new Schedule(startsAt, startsAt.plus(Duration.ofHours(1)), "UTC"),
                            10));
            commands.sendAndWait(new CommunityEventCommands.Publish(event, null, organizer));
            assertThat(
                            (Object)
                                    commands.sendAndWait(
                                            new CommunityEventCommands.Rsvp(event, member)))
                    .isEqualTo(RsvpState.CONFIRMED);
            remindAt = startsAt.minus(OFFSET);
            JdbcTemplate jdbc = before.getBean(JdbcTemplate.class);
            assertThat(remindersFor(jdbc, event, member)).isZero();
            assertThat(deadlinesDueAround(jdbc, remindAt))
                    .as("the reminder is stored with the RSVP")
                    .isEqualTo(1);
        }
        assertThat(Instant.now())
                .as("the first instance stopped before the reminder was due")
                .isBefore(remindAt);

        try (ConfigurableApplicationContext after = commandSide()) {
            JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> remindersFor(jdbc, event, member) == 1);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> remindersFor(jdbc, event, member) == 1);
            assertThat(Instant.now()).isAfterOrEqualTo(remindAt);
            assertThat(deadlinesDueAround(jdbc, remindAt))
                    .as("a delivered reminder is done with")
                    .isZero();
        }
    }

    private static long remindersFor(JdbcTemplate jdbc, CommunityEventId event, UserId member) {
        return jdbc.queryForObject(
                """
                SELECT count(*) FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype LIKE '%$ReminderDue'
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'member' = ?""",
                Long.class, event.toString(), member.toString());
    }

    /**
     * Deadlines stored by Axon's db-scheduler deadline manager (its task name) due within a second
     * of the instant.
     */
    private static long deadlinesDueAround(JdbcTemplate jdbc, Instant instant) {
        return jdbc.queryForObject(
                """
                SELECT count(*) FROM scheduled_tasks WHERE task_name = 'AxonDeadline'
                  AND execution_time BETWEEN ? AND ?""",
                Long.class,
                Timestamp.from(instant.minusSeconds(1)),
                Timestamp.from(instant.plusSeconds(1)));
    }

    private static ConfigurableApplicationContext commandSide() {
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .initializers(new RealInfrastructure())
                .run(
                        "--server.port=0",
                        "--aic.community-events.reminder-offset=" + OFFSET,
                        "--aic.deadlines.polling-interval=PT0.5S");
    }
}
