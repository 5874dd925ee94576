package dev.aic.contracts.communityevent;

/** Who can see a community event once it is published. */
public enum Visibility {
    /** anyone, signed in or not, through public listings and calendar feeds */
    PUBLIC,
    /** members of the platform only */
    MEMBERS
}
