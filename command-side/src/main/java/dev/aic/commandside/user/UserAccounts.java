package dev.aic.commandside.user;

import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserId;
import java.util.List;

/**
 * The rules that span users: an e-mail address and a sign-in identity each belong to at most one of
 * them. Claims and updates made while handling a command are part of that command's transaction, so
 * they are undone with it.
 */
interface UserAccounts {

    /** @return false when the address is already claimed by someone */
    boolean claimEmail(String email, UserId owner);

    /** @return false when the identity is already linked to someone */
    boolean claimIdentity(String issuer, String subject, UserId owner);

    void recordRoles(UserId user, List<Role> roles);

    void recordActive(UserId user, boolean active);

    /**
     * Forgets the person: frees their address and identity (someone may register with them anew) and
     * deletes their personal-data key, which makes everything personal in their past events unreadable.
     */
    void erase(UserId user);
}
