package dev.aic.contracts.privacy;

/**
 * What an erased {@link PersonalData} value reads as: a value the record and its consumers accept.
 */
public enum WhenErased {
    /** {@code null}: e-mail, bio, avatar. */
    NULL,
    /** An empty list: interests. */
    EMPTY_LIST,
    /** {@link PersonalData#ERASED_MEMBER}: display names, which readers show. */
    ERASED_MEMBER
}
