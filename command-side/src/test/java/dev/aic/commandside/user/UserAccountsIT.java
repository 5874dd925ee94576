package dev.aic.commandside.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.commandside.web.Commands;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserId;
import dev.aic.testsupport.RealInfrastructure;
import dev.aic.web.security.CallerDirectory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The rules that span users, kept by {@link UserAccounts} in the transaction of the command that
 * stores the events: an address and an identity belong to one user, and the account row follows the
 * user's events. Commands go through {@link Commands}, as they do from the REST API.
 */
@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
class UserAccountsIT {

    @Autowired Commands commands;
    @Autowired UserAccounts accounts;
    @Autowired JdbcTemplate jdbc;

    private final UserId ada = new UserId(UUID.randomUUID());
    private final UserId eve = new UserId(UUID.randomUUID());
    private final String email = "ada-" + UUID.randomUUID() + "@example.org";
    private final UserCommands.Identity adaAtIdp =
            new UserCommands.Identity("https://idp.example.org", UUID.randomUUID().toString());

    @Test
    void registrationIsRefusedWhenTheAddressBelongsToSomeoneElseBeforeAnythingIsStored() {
        commands.send(new UserCommands.RegisterUser(ada, email, "Ada", null), ada);

        assertThatThrownBy(
                        () ->
                                commands.send(
                                        new UserCommands.RegisterUser(
                                                eve, " " + email.toUpperCase() + " ", "Eve", null),
                                        eve))
                .isInstanceOf(EmailAlreadyRegisteredException.class)
                .hasMessage("The e-mail address " + email + " is already registered");

        assertThat(events(eve)).isZero();
        // refused before the event was encrypted: no key was made for someone who never registered
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM personal_data_key WHERE subject_id = ?",
                                Integer.class,
                                eve.value()))
                .isZero();
    }

    @Test
    void anIdentityIsLinkedToOneUserOnly() {
        commands.send(new UserCommands.RegisterUser(ada, email, "Ada", adaAtIdp), ada);
        commands.send(new UserCommands.RegisterUser(eve, "eve-" + email, "Eve", null), eve);

        assertThatThrownBy(() -> commands.send(new UserCommands.LinkIdentity(eve, adaAtIdp), eve))
                .isInstanceOf(IdentityAlreadyRegisteredException.class);

        assertThat(events(eve)).isOne();
        assertThat(accounts.find(adaAtIdp.issuer(), adaAtIdp.subject()))
                .map(CallerDirectory.Account::userId)
                .contains(ada.value());
        assertThat(accounts.unlinkedUserWithEmail("eve-" + email)).contains(eve);
    }

    @Test
    void theAccountFollowsRolesDeactivationAndErasure() {
        commands.send(new UserCommands.RegisterUser(ada, email, "Ada", adaAtIdp), ada);

        commands.send(
                new UserCommands.ChangeRoles(ada, null, List.of(Role.ADMIN, Role.MEMBER)), ada);
        commands.send(new UserCommands.Deactivate(ada, null, "left"), ada);
        assertThat(accounts.find(adaAtIdp.issuer(), adaAtIdp.subject()))
                .contains(
                        new CallerDirectory.Account(
                                ada.value(), false, Set.of(Role.MEMBER, Role.ADMIN)));
        commands.send(new UserCommands.Reactivate(ada, null), ada);
        assertThat(accounts.find(adaAtIdp.issuer(), adaAtIdp.subject()))
                .map(CallerDirectory.Account::active)
                .contains(true);

        commands.send(new UserCommands.EraseMember(ada, null, "GDPR request 114"), ada);

        assertThat(accounts.find(adaAtIdp.issuer(), adaAtIdp.subject())).isEmpty();
        Map<String, Object> key =
                jdbc.queryForMap(
                        "SELECT key, erased_at FROM personal_data_key WHERE subject_id = ?",
                        ada.value());
        assertThat(key.get("key")).isNull();
        assertThat(key.get("erased_at")).isNotNull();
        // the address is free again
        commands.send(new UserCommands.RegisterUser(eve, email, "Someone else", null), eve);
        assertThat(accounts.unlinkedUserWithEmail(email)).contains(eve);
    }

    private int events(UserId user) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class,
                user.toString());
    }
}
