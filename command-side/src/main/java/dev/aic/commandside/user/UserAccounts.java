package dev.aic.commandside.user;

import dev.aic.commandside.ProcessorNames;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.personaldata.SubjectKeys;
import dev.aic.web.security.CallerDirectory;
import java.sql.Array;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rules that span users — an e-mail address and a sign-in identity each belong to at most one
 * of them — kept in {@code user_account}, which also answers "who is this caller" (their user,
 * whether active, their roles). Set-based validation the way Axon describes it, so that {@link
 * User} only decides and applies: a command handler interceptor refuses an address the table
 * already holds before the user applies anything, and the event handlers below write the table from
 * the events. They run in a subscribing processor, i.e. while the command's unit of work stores its
 * events, in the same transaction: the row and its event commit together or not at all. Where two
 * commands race for one address or identity, the second's write finds the first's row (it waits for
 * the other transaction) and refuses its command with the same exception.
 */
@Component
@ProcessingGroup(ProcessorNames.USER_ACCOUNTS)
class UserAccounts implements CallerDirectory, MessageHandlerInterceptor<CommandMessage<?>> {

    /**
     * A subscribing processor (application.yml): its handlers run in the transaction of the
     * command.
     */
    private final JdbcTemplate jdbc;

    private final SubjectKeys keys;

    UserAccounts(JdbcTemplate jdbc, SubjectKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** A registration with a taken address is refused before anything is applied or encrypted. */
    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof UserCommands.RegisterUser command
                && emailTaken(command.email())) {
            throw new EmailAlreadyRegisteredException(command.email());
        }
        return chain.proceed();
    }

    @EventHandler
    void on(UserEvent.Registered event) {
        // ON CONFLICT keeps the transaction usable; a concurrent claim of the same address waits
        // for the
        // other transaction and then sees its row
        if (jdbc.update(
                        "INSERT INTO user_account (user_id, email) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        event.userId().value(),
                        event.email())
                != 1) {
            throw new EmailAlreadyRegisteredException(event.email());
        }
    }

    @EventHandler
    void on(UserEvent.IdentityLinked event) {
        Integer taken =
                jdbc.queryForObject(
                        "SELECT count(*) FROM user_account WHERE issuer = ? AND subject = ?",
                        Integer.class,
                        event.issuer(),
                        event.subject());
        // the unique (issuer, subject) constraint still decides between two concurrent first
        // sign-ins
        if (taken != null && taken > 0
                || jdbc.update(
                                "UPDATE user_account SET issuer = ?, subject = ? WHERE user_id = ? AND subject IS NULL",
                                event.issuer(),
                                event.subject(),
                                event.userId().value())
                        != 1) {
            throw new IdentityAlreadyRegisteredException(event.userId().toString());
        }
    }

    @EventHandler
    void on(UserEvent.RolesChanged event) {
        jdbc.update(
                "UPDATE user_account SET roles = ?::varchar[] WHERE user_id = ?",
                event.roles().stream().map(Role::name).toArray(String[]::new),
                event.userId().value());
    }

    @EventHandler
    void on(UserEvent.Deactivated event) {
        jdbc.update(
                "UPDATE user_account SET active = FALSE WHERE user_id = ?", event.userId().value());
    }

    @EventHandler
    void on(UserEvent.Reactivated event) {
        jdbc.update(
                "UPDATE user_account SET active = TRUE WHERE user_id = ?", event.userId().value());
    }

    /**
     * Forgets the person: frees their address and identity (someone may register with them anew)
     * and deletes their personal-data key, which makes everything personal in their past events
     * unreadable. The key goes in the erasure's transaction: the erasure and its event commit
     * together or not at all.
     */
    @EventHandler
    void on(UserEvent.Erased event) {
        UUID user = event.userId().value();
        jdbc.update("DELETE FROM user_account WHERE user_id = ?", user);
        // export archives hold the person's data in clear, outside crypto-shredding
        jdbc.update("DELETE FROM member_export WHERE user_id = ?", user);
        // a tombstone, not a deleted row: no later write can create a new key for the person
        jdbc.update(
                """
                INSERT INTO personal_data_key (subject_id, key, erased_at) VALUES (?, NULL, now())
                ON CONFLICT (subject_id) DO UPDATE SET key = NULL, erased_at = now()""",
                user);
        keys.evict(user);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a read between the eviction and the end of the transaction may have cached the key,
            // or the tombstone
            TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            keys.evict(user);
                        }
                    });
        }
    }

    @Override
    public Optional<Account> find(String issuer, String subject) {
        return jdbc
                .query(
                        "SELECT user_id, active, roles FROM user_account WHERE issuer = ? AND subject = ?",
                        (row, n) ->
                                new Account(
                                        row.getObject("user_id", UUID.class),
                                        row.getBoolean("active"),
                                        roles(row.getArray("roles"))),
                        issuer,
                        subject)
                .stream()
                .findFirst();
    }

    /** The user an administrator registered with this address who has not signed in yet. */
    Optional<UserId> unlinkedUserWithEmail(String email) {
        return jdbc
                .query(
                        "SELECT user_id FROM user_account WHERE email = ? AND subject IS NULL",
                        (row, n) -> new UserId(row.getObject("user_id", UUID.class)),
                        email)
                .stream()
                .findFirst();
    }

    private boolean emailTaken(String email) {
        return !jdbc.queryForList(
                        "SELECT 1 FROM user_account WHERE email = ?", Integer.class, email)
                .isEmpty();
    }

    private static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : (String[]) array.getArray()) {
            roles.add(Role.valueOf(name));
        }
        return roles;
    }
}
