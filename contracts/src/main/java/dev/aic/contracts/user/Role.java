package dev.aic.contracts.user;

/**
 * What a person may do on the platform. Granted in the platform or asserted by the identity
 * provider.
 */
public enum Role {
    MEMBER,
    ORGANIZER,
    ADMIN,
    AUDITOR,
    ANALYST
}
