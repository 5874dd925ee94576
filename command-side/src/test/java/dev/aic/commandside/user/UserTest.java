package dev.aic.commandside.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.contracts.user.EmailPreferencesChanged;
import dev.aic.contracts.user.EmailTopic;
import dev.aic.contracts.user.MemberErased;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserDeactivated;
import dev.aic.contracts.user.UserId;
import dev.aic.contracts.user.UserIdentityLinked;
import dev.aic.contracts.user.UserProfileUpdated;
import dev.aic.contracts.user.UserReactivated;
import dev.aic.contracts.user.UserRegistered;
import dev.aic.contracts.user.UserRolesChanged;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final UserId ADA = new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final UserId EVE = new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000e"));
    private static final UserCommands.Identity ADA_AT_IDP = new UserCommands.Identity("https://idp.example.org", "ada");
    private static final UserRegistered ADA_REGISTERED = new UserRegistered(ADA, "ada@example.org", "Ada Lovelace");

    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private AggregateTestFixture<User> newFixture() {
        var fresh = new AggregateTestFixture<>(User.class);
        fresh.registerInjectableResource(accounts);
        return fresh;
    }

    @Test
    void memberIsRegisteredWithANormalisedEmailAndTrimmedName() {
        fixture.givenNoPriorActivity()
                .when(new UserCommands.RegisterUser(ADA, "  Ada@Example.ORG ", " Ada Lovelace ", null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(ADA_REGISTERED);
    }

    @Test
    void selfRegistrationLinksTheSignedInIdentity() {
        fixture.givenNoPriorActivity()
                .when(new UserCommands.RegisterUser(ADA, "ada@example.org", "Ada Lovelace", ADA_AT_IDP))
                .expectEvents(ADA_REGISTERED, new UserIdentityLinked(ADA, "https://idp.example.org", "ada"));
    }

    @Test
    void registrationIsRefusedWhenTheEmailBelongsToSomeoneElse() {
        accounts.emails.put("ada@example.org", ADA);

        fixture.givenNoPriorActivity()
                .when(new UserCommands.RegisterUser(EVE, "ADA@example.org", "Eve", null))
                .expectException(EmailAlreadyRegisteredException.class)
                .expectNoEvents();
    }

    @Test
    void anIdentityIsLinkedToOneUserOnly() {
        accounts.identities.put("https://idp.example.org#ada", EVE);

        fixture.given(ADA_REGISTERED)
                .when(new UserCommands.LinkIdentity(ADA, ADA_AT_IDP))
                .expectException(IdentityAlreadyRegisteredException.class)
                .expectNoEvents();
    }

    @Test
    void aLinkedUserCannotBeLinkedAgain() {
        fixture.given(ADA_REGISTERED, new UserIdentityLinked(ADA, "https://idp.example.org", "ada"))
                .when(new UserCommands.LinkIdentity(ADA, new UserCommands.Identity("https://idp.example.org", "ada2")))
                .expectException(IdentityAlreadyRegisteredException.class)
                .expectNoEvents();
    }

    @Test
    void profileIsReplacedWholeWithTrimmedDistinctInterests() {
        fixture.given(ADA_REGISTERED)
                .when(new UserCommands.UpdateProfile(ADA, 0L, " Ada ", "  ", List.of("math ", "math", "poetry"),
                        "https://cdn.example.org/ada.png"))
                .expectEvents(new UserProfileUpdated(ADA, "Ada", null, List.of("math", "poetry"),
                        "https://cdn.example.org/ada.png"));
    }

    @Test
    void anUnchangedProfileAppliesNothing() {
        fixture.given(ADA_REGISTERED)
                .when(new UserCommands.UpdateProfile(ADA, null, "Ada Lovelace", null, List.of(), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aChangeBasedOnAStaleVersionIsRefused() {
        fixture.given(ADA_REGISTERED, new UserProfileUpdated(ADA, "Ada", null, List.of(), null))
                .when(new UserCommands.UpdateProfile(ADA, 0L, "Countess", null, List.of(), null))
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void rolesAreRecordedInDeclarationOrderWithoutDuplicates() {
        fixture.given(ADA_REGISTERED)
                .when(new UserCommands.ChangeRoles(ADA, null, List.of(Role.ADMIN, Role.MEMBER, Role.ADMIN)))
                .expectEvents(new UserRolesChanged(ADA, List.of(Role.MEMBER, Role.ADMIN)));
        assertThat(accounts.roles.get(ADA)).containsExactly(Role.MEMBER, Role.ADMIN);
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
                .expectEvents(new UserDeactivated(ADA, "left"));
        assertThat(accounts.active.get(ADA)).isFalse();

        fixture.given(ADA_REGISTERED, new UserDeactivated(ADA, "left"))
                .when(new UserCommands.Deactivate(ADA, null, "again"))
                .expectNoEvents();

        fixture.given(ADA_REGISTERED, new UserDeactivated(ADA, "left"))
                .when(new UserCommands.Reactivate(ADA, null))
                .expectEvents(new UserReactivated(ADA));

        fixture.given(ADA_REGISTERED)
                .when(new UserCommands.Reactivate(ADA, null))
                .expectNoEvents();
    }

    @Test
    void emailPreferencesAreStoredInDeclarationOrderAndRepeatingThemChangesNothing() {
        fixture.given(ADA_REGISTERED)
                .when(new UserCommands.ChangeEmailPreferences(ADA, null,
                        Set.of(EmailTopic.EVENT_CANCELLATION, EmailTopic.EVENT_REMINDER)))
                .expectEvents(new EmailPreferencesChanged(ADA, List.of(EmailTopic.EVENT_REMINDER, EmailTopic.EVENT_CANCELLATION)));

        newFixture().given(ADA_REGISTERED, new EmailPreferencesChanged(ADA, List.of(EmailTopic.EVENT_REMINDER)))
                .when(new UserCommands.ChangeEmailPreferences(ADA, null, Set.of(EmailTopic.EVENT_REMINDER)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anUnsubscribeLinkAddsItsTopicToTheOnesAlreadyChosenAndRepeatingItChangesNothing() {
        fixture.given(ADA_REGISTERED, new EmailPreferencesChanged(ADA, List.of(EmailTopic.EVENT_CANCELLATION)))
                .when(new UserCommands.Unsubscribe(ADA, EmailTopic.WAITING_LIST_PROMOTION))
                .expectEvents(new EmailPreferencesChanged(ADA,
                        List.of(EmailTopic.WAITING_LIST_PROMOTION, EmailTopic.EVENT_CANCELLATION)));

        newFixture().given(ADA_REGISTERED, new EmailPreferencesChanged(ADA, List.of(EmailTopic.EVENT_REMINDER)))
                .when(new UserCommands.Unsubscribe(ADA, EmailTopic.EVENT_REMINDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void subscribingToEverythingAgainClearsTheChoice() {
        fixture.given(ADA_REGISTERED, new EmailPreferencesChanged(ADA, List.of(EmailTopic.EVENT_REMINDER)))
                .when(new UserCommands.ChangeEmailPreferences(ADA, null, Set.of()))
                .expectEvents(new EmailPreferencesChanged(ADA, List.of()));
    }

    @Test
    void erasureForgetsTheMembersAddressIdentityAndKey() {
        accounts.emails.put("ada@example.org", ADA);
        accounts.identities.put("https://idp.example.org#ada", ADA);

        fixture.given(ADA_REGISTERED, new UserIdentityLinked(ADA, "https://idp.example.org", "ada"))
                .when(new UserCommands.EraseMember(ADA, null, " GDPR request 114 "))
                .expectEvents(new MemberErased(ADA, "GDPR request 114"));

        assertThat(accounts.erased).containsExactly(ADA);
        assertThat(accounts.emails).doesNotContainValue(ADA);
        assertThat(accounts.identities).doesNotContainValue(ADA);
    }

    @Test
    void anErasedMemberTakesNoFurtherCommands() {
        List<Object> commands = List.of(
                new UserCommands.UpdateProfile(ADA, null, "Ada", null, List.of(), null),
                new UserCommands.ChangeRoles(ADA, null, List.of(Role.MEMBER, Role.ADMIN)),
                new UserCommands.Deactivate(ADA, null, null),
                new UserCommands.Reactivate(ADA, null),
                new UserCommands.LinkIdentity(ADA, ADA_AT_IDP),
                new UserCommands.ChangeEmailPreferences(ADA, null, Set.of(EmailTopic.EVENT_REMINDER)),
                new UserCommands.Unsubscribe(ADA, EmailTopic.EVENT_REMINDER),
                new UserCommands.EraseMember(ADA, null, "again"));
        for (Object command : commands) {
            newFixture().given(ADA_REGISTERED, new MemberErased(ADA, "GDPR request 114"))
                    .when(command)
                    .expectException(MemberErasedException.class)
                    .expectNoEvents();
        }
    }

    /** The set-validation table as a map: claims succeed once per address and identity. */
    private static final class InMemoryAccounts implements UserAccounts {

        final Map<String, UserId> emails = new HashMap<>();
        final Map<String, UserId> identities = new HashMap<>();
        final Map<UserId, List<Role>> roles = new HashMap<>();
        final Map<UserId, Boolean> active = new HashMap<>();
        final List<UserId> erased = new ArrayList<>();

        @Override
        public boolean claimEmail(String email, UserId owner) {
            return emails.putIfAbsent(email, owner) == null;
        }

        @Override
        public boolean claimIdentity(String issuer, String subject, UserId owner) {
            return identities.putIfAbsent(issuer + "#" + subject, owner) == null;
        }

        @Override
        public void recordRoles(UserId user, List<Role> granted) {
            roles.put(user, granted);
        }

        @Override
        public void recordActive(UserId user, boolean isActive) {
            active.put(user, isActive);
        }

        @Override
        public void erase(UserId user) {
            emails.values().remove(user);
            identities.values().remove(user);
            erased.add(user);
        }
    }
}
