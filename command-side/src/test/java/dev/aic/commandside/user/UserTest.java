package dev.aic.commandside.user;

import dev.aic.contracts.user.EmailTopic;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final UserId ADA =
            new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final UserCommands.Identity ADA_AT_IDP =
            new UserCommands.Identity("https://idp.example.org", "ada");
    private static final UserEvent.Registered ADA_REGISTERED =
            new UserEvent.Registered(ADA, "ada@example.org", "Ada Lovelace");

    private final AggregateTestFixture<User> fixture = fresh();

    private static AggregateTestFixture<User> fresh() {
        return new AggregateTestFixture<>(User.class);
    }

    @Test
    void memberIsRegisteredWithANormalisedEmailAndTrimmedName() {
        fixture.givenNoPriorActivity()
                .when(
                        new UserCommands.RegisterUser(
                                ADA, "  Ada@Example.ORG ", " Ada Lovelace ", null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(ADA_REGISTERED);
    }

    @Test
    void selfRegistrationLinksTheSignedInIdentity() {
        fixture.givenNoPriorActivity()
                .when(
                        new UserCommands.RegisterUser(
                                ADA, "ada@example.org", "Ada Lovelace", ADA_AT_IDP))
                .expectEvents(
                        ADA_REGISTERED,
                        new UserEvent.IdentityLinked(ADA, "https://idp.example.org", "ada"));
    }

    @Test
    void aLinkedUserCannotBeLinkedAgain() {
        fixture.given(
                        ADA_REGISTERED,
                        new UserEvent.IdentityLinked(ADA, "https://idp.example.org", "ada"))
                .when(
                        new UserCommands.LinkIdentity(
                                ADA, new UserCommands.Identity("https://idp.example.org", "ada2")))
                .expectException(IdentityAlreadyRegisteredException.class)
                .expectNoEvents();
    }

    @Test
    void profileIsReplacedWholeWithTrimmedDistinctInterests() {
        fixture.given(ADA_REGISTERED)
                .when(
                        new UserCommands.UpdateProfile(
                                ADA,
                                0L,
                                " Ada ",
                                "  ",
                                List.of("math ", "math", "poetry"),
                                "https://cdn.example.org/ada.png"))
                .expectEvents(
                        new UserEvent.ProfileUpdated(
                                ADA,
                                "Ada",
                                null,
                                List.of("math", "poetry"),
                                "https://cdn.example.org/ada.png"));
    }

    @Test
    void anUnchangedProfileAppliesNothing() {
        fixture.given(ADA_REGISTERED)
                .when(
                        new UserCommands.UpdateProfile(
                                ADA, null, "Ada Lovelace", null, List.of(), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aChangeBasedOnAStaleVersionIsRefused() {
        fixture.given(
                        ADA_REGISTERED,
                        new UserEvent.ProfileUpdated(ADA, "Ada", null, List.of(), null))
                .when(new UserCommands.UpdateProfile(ADA, 0L, "Countess", null, List.of(), null))
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void rolesAreRecordedInDeclarationOrderWithoutDuplicates() {
        fixture.given(ADA_REGISTERED)
                .when(
                        new UserCommands.ChangeRoles(
                                ADA, null, List.of(Role.ADMIN, Role.MEMBER, Role.ADMIN)))
                .expectEvents(new UserEvent.RolesChanged(ADA, List.of(Role.MEMBER, Role.ADMIN)));
    }

    @Test
    void grantingTheRolesAUserHasAppliesNothing() {
        fixture.given(ADA_REGISTERED)
                .when(new UserCommands.ChangeRoles(ADA, null, List.of(Role.MEMBER)))
                .expectNoEvents();
    }

    @Test
    void deactivationAndReactivationAreIdempotent() {
        fixture.given(ADA_REGISTERED)
                .when(new UserCommands.Deactivate(ADA, null, " left "))
                .expectEvents(new UserEvent.Deactivated(ADA, "left"));

        fixture.given(ADA_REGISTERED, new UserEvent.Deactivated(ADA, "left"))
                .when(new UserCommands.Deactivate(ADA, null, "again"))
                .expectNoEvents();

        fixture.given(ADA_REGISTERED, new UserEvent.Deactivated(ADA, "left"))
                .when(new UserCommands.Reactivate(ADA, null))
                .expectEvents(new UserEvent.Reactivated(ADA));

        fixture.given(ADA_REGISTERED).when(new UserCommands.Reactivate(ADA, null)).expectNoEvents();
    }

    @Test
    void emailPreferencesAreStoredInDeclarationOrderAndRepeatingThemChangesNothing() {
        fixture.given(ADA_REGISTERED)
                .when(
                        new UserCommands.ChangeEmailPreferences(
                                ADA,
                                null,
                                Set.of(EmailTopic.EVENT_CANCELLATION, EmailTopic.EVENT_REMINDER)))
                .expectEvents(
                        new UserEvent.EmailPreferencesChanged(
                                ADA,
                                List.of(EmailTopic.EVENT_REMINDER, EmailTopic.EVENT_CANCELLATION)));

        fresh().given(
                        ADA_REGISTERED,
                        new UserEvent.EmailPreferencesChanged(
                                ADA, List.of(EmailTopic.EVENT_REMINDER)))
                .when(
                        new UserCommands.ChangeEmailPreferences(
                                ADA, null, Set.of(EmailTopic.EVENT_REMINDER)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anUnsubscribeLinkAddsItsTopicToTheOnesAlreadyChosenAndRepeatingItChangesNothing() {
        fixture.given(
                        ADA_REGISTERED,
                        new UserEvent.EmailPreferencesChanged(
                                ADA, List.of(EmailTopic.EVENT_CANCELLATION)))
                .when(new UserCommands.Unsubscribe(ADA, EmailTopic.WAITING_LIST_PROMOTION))
                .expectEvents(
                        new UserEvent.EmailPreferencesChanged(
                                ADA,
                                List.of(
                                        EmailTopic.WAITING_LIST_PROMOTION,
                                        EmailTopic.EVENT_CANCELLATION)));

        fresh().given(
                        ADA_REGISTERED,
                        new UserEvent.EmailPreferencesChanged(
                                ADA, List.of(EmailTopic.EVENT_REMINDER)))
                .when(new UserCommands.Unsubscribe(ADA, EmailTopic.EVENT_REMINDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void subscribingToEverythingAgainClearsTheChoice() {
        fixture.given(
                        ADA_REGISTERED,
                        new UserEvent.EmailPreferencesChanged(
                                ADA, List.of(EmailTopic.EVENT_REMINDER)))
                .when(new UserCommands.ChangeEmailPreferences(ADA, null, Set.of()))
                .expectEvents(new UserEvent.EmailPreferencesChanged(ADA, List.of()));
    }

    @Test
    void anErasedMemberIsForgotten() {
        fixture.given(
                        ADA_REGISTERED,
                        new UserEvent.IdentityLinked(ADA, "https://idp.example.org", "ada"))
                .when(new UserCommands.EraseMember(ADA, null, " GDPR request 114 "))
                .expectEvents(new UserEvent.Erased(ADA, "GDPR request 114"));
    }

    @Test
    void anErasedMemberTakesNoFurtherCommands() {
        List<Object> commands =
                List.of(
                        new UserCommands.UpdateProfile(ADA, null, "Ada", null, List.of(), null),
                        new UserCommands.ChangeRoles(ADA, null, List.of(Role.MEMBER, Role.ADMIN)),
                        new UserCommands.Deactivate(ADA, null, null),
                        new UserCommands.Reactivate(ADA, null),
                        new UserCommands.LinkIdentity(ADA, ADA_AT_IDP),
                        new UserCommands.ChangeEmailPreferences(
                                ADA, null, Set.of(EmailTopic.EVENT_REMINDER)),
                        new UserCommands.Unsubscribe(ADA, EmailTopic.EVENT_REMINDER),
                        new UserCommands.EraseMember(ADA, null, "again"));
        for (Object command : commands) {
            fresh().given(ADA_REGISTERED, new UserEvent.Erased(ADA, "GDPR request 114"))
                    .when(command)
                    .expectException(MemberErasedException.class)
                    .expectNoEvents();
        }
    }
}
