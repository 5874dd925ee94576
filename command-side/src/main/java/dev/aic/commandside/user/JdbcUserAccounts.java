package dev.aic.commandside.user;

import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserId;
import dev.aic.personaldata.SubjectKeys;
import dev.aic.web.security.CallerDirectory;
import java.sql.Array;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Component
class JdbcUserAccounts implements UserAccounts, CallerDirectory {

    private final JdbcTemplate jdbc;
    private final SubjectKeys keys;

    JdbcUserAccounts(JdbcTemplate jdbc, SubjectKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    @Override
    public boolean claimEmail(String email, UserId owner) {
        // ON CONFLICT keeps the transaction usable; a concurrent claim of the same address waits for the
        // other transaction and then sees its row
        return jdbc.update("INSERT INTO user_account (user_id, email) VALUES (?, ?) ON CONFLICT DO NOTHING",
                owner.value(), email) == 1;
    }

    @Override
    public boolean claimIdentity(String issuer, String subject, UserId owner) {
        Integer taken = jdbc.queryForObject(
                "SELECT count(*) FROM user_account WHERE issuer = ? AND subject = ?", Integer.class, issuer, subject);
        if (taken != null && taken > 0) {
            return false;
        }
        // the unique (issuer, subject) constraint still decides between two concurrent first sign-ins
        return jdbc.update("UPDATE user_account SET issuer = ?, subject = ? WHERE user_id = ? AND subject IS NULL",
                issuer, subject, owner.value()) == 1;
    }

    @Override
    public void recordRoles(UserId user, List<Role> roles) {
        jdbc.update("UPDATE user_account SET roles = ?::varchar[] WHERE user_id = ?",
                roles.stream().map(Role::name).toArray(String[]::new), user.value());
    }

    @Override
    public void recordActive(UserId user, boolean active) {
        jdbc.update("UPDATE user_account SET active = ? WHERE user_id = ?", active, user.value());
    }

    @Override
    public void erase(UserId user) {
        jdbc.update("DELETE FROM user_account WHERE user_id = ?", user.value());
        // export archives hold the person's data in clear, outside crypto-shredding
        jdbc.update("DELETE FROM member_export WHERE user_id = ?", user.value());
        // a tombstone, not a deleted row: no later write can create a new key for the person
        jdbc.update("""
                INSERT INTO personal_data_key (subject_id, key, erased_at) VALUES (?, NULL, now())
                ON CONFLICT (subject_id) DO UPDATE SET key = NULL, erased_at = now()""", user.value());
        keys.evict(user.value());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a read between the eviction and the end of the transaction may have cached the key, or the tombstone
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    keys.evict(user.value());
                }
            });
        }
    }

    @Override
    public Optional<Account> find(String issuer, String subject) {
        return jdbc.query("SELECT user_id, active, roles FROM user_account WHERE issuer = ? AND subject = ?",
                (row, n) -> new Account(row.getObject("user_id", UUID.class), row.getBoolean("active"),
                        roles(row.getArray("roles"))), issuer, subject).stream().findFirst();
    }

    /** The user an administrator registered with this address who has not signed in yet. */
    Optional<UserId> unlinkedUserWithEmail(String email) {
        return jdbc.query("SELECT user_id FROM user_account WHERE email = ? AND subject IS NULL",
                (row, n) -> new UserId(row.getObject("user_id", UUID.class)), email).stream().findFirst();
    }

    private static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : (String[]) array.getArray()) {
            roles.add(Role.valueOf(name));
        }
        return roles;
    }
}
