package dev.aic.commandside.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.commandside.web.Commands;
import dev.aic.contracts.user.EmailTopic;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.personaldata.PersonalDataSerializer;
import dev.aic.testsupport.RealInfrastructure;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * A member whose events an earlier release stored under their former names (top-level classes of
 * {@code dev.aic.contracts.user}: {@code UserRegistered}, {@code UserProfileUpdated}, …, {@code
 * MemberErased}) is loaded as one stored today: the rows are written straight into the event store,
 * as that release wrote them (personal fields encrypted), and the aggregate decides from them.
 */
@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
class UserStoredUnderFormerNamesIT {

    private static final String FORMER = "dev.aic.contracts.user.";

    @Autowired Commands commands;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;

    @Autowired
    @Qualifier("eventSerializer")
    PersonalDataSerializer events;

    private final UserId member = new UserId(UUID.randomUUID());
    private final String email = "former-" + member + "@example.org";
    private final UserEvent.ProfileUpdated profile =
            new UserEvent.ProfileUpdated(
                    member, "Olga Older", "Joined long ago", List.of("telescopes"), null);

    @Test
    void aMemberStoredUnderTheFormerNamesIsDecidedOnAsOneStoredToday() {
        storedByAnEarlierRelease(
                0, "UserRegistered", new UserEvent.Registered(member, email, "Olga"));
        storedByAnEarlierRelease(
                1,
                "UserIdentityLinked",
                new UserEvent.IdentityLinked(member, "https://idp.example.org", "olga"));
        storedByAnEarlierRelease(2, "UserProfileUpdated", profile);
        storedByAnEarlierRelease(
                3,
                "UserRolesChanged",
                new UserEvent.RolesChanged(member, List.of(Role.MEMBER, Role.ORGANIZER)));
        storedByAnEarlierRelease(
                4,
                "EmailPreferencesChanged",
                new UserEvent.EmailPreferencesChanged(member, List.of(EmailTopic.EVENT_REMINDER)));
        storedByAnEarlierRelease(5, "UserDeactivated", new UserEvent.Deactivated(member, "away"));

        // what the former events said is what the member is today: each of these changes nothing
        commands.send(
                new UserCommands.UpdateProfile(
                        member,
                        null,
                        profile.displayName(),
                        profile.bio(),
                        profile.interests(),
                        null),
                member);
        commands.send(
                new UserCommands.ChangeRoles(member, null, List.of(Role.ORGANIZER, Role.MEMBER)),
                member);
        commands.send(
                new UserCommands.ChangeEmailPreferences(
                        member, null, Set.of(EmailTopic.EVENT_REMINDER)),
                member);
        commands.send(new UserCommands.Deactivate(member, null, "away again"), member);
        assertThatThrownBy(
                        () ->
                                commands.send(
                                        new UserCommands.LinkIdentity(
                                                member,
                                                new UserCommands.Identity(
                                                        "https://idp.example.org", "other")),
                                        member))
                .isInstanceOf(IdentityAlreadyRegisteredException.class);
        assertThat(last().getSequenceNumber()).isEqualTo(5);

        commands.send(new UserCommands.Reactivate(member, null), member);

        assertThat(last().getSequenceNumber()).isEqualTo(6);
        assertThat(last().getPayload()).isEqualTo(new UserEvent.Reactivated(member));
    }

    @Test
    void aMemberErasedUnderTheFormerNameStaysErased() {
        storedByAnEarlierRelease(
                0, "UserRegistered", new UserEvent.Registered(member, email, "Olga"));
        storedByAnEarlierRelease(
                1, "MemberErased", new UserEvent.Erased(member, "GDPR art. 17 request 2025-7"));

        assertThatThrownBy(
                        () ->
                                commands.send(
                                        new UserCommands.UpdateProfile(
                                                member, null, "Olga Again", null, List.of(), null),
                                        member))
                .isInstanceOf(MemberErasedException.class);
        assertThat(last().getSequenceNumber()).isEqualTo(1);
    }

    private DomainEventMessage<?> last() {
        return eventStore
                .readEvents(member.toString())
                .asStream()
                .reduce((earlier, later) -> later)
                .orElseThrow();
    }

    /**
     * The row an earlier release stored: the same bytes as today's event (a rename changed the
     * name, never the payload), under the class name it had then.
     */
    private void storedByAnEarlierRelease(long sequence, String formerName, UserEvent event) {
        jdbc.update(
                """
                INSERT INTO event_store.domainevententry (eventidentifier, metadata, payload, payloadrevision, payloadtype,
                    timestamp, aggregateidentifier, sequencenumber, type)
                VALUES (?, convert_to('{}', 'UTF8'), ?, '1', ?, ?, ?, ?, 'User')""",
                UUID.randomUUID().toString(),
                events.serialize(event, byte[].class).getData(),
                FORMER + formerName,
                Instant.now().toString(),
                member.toString(),
                sequence);
    }
}
