package dev.aic.contracts.communityevent;

/**
 * Where a member's RSVP stands: one word for it everywhere, in the events ({@code RsvpConfirmed},
 * {@code RsvpWaitlisted}, what an {@code RsvpCancelled} gave up), the commands' answers and the
 * read models.
 */
public enum RsvpState {
    /** The member holds a seat. */
    CONFIRMED,
    /** The event was full: the member waits, in order, for a seat to free up. */
    WAITLISTED
}
