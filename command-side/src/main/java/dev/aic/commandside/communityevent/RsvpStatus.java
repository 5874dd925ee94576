package dev.aic.commandside.communityevent;

/** Where an RSVP landed: a seat, or a place on the waiting list. */
public enum RsvpStatus {
    CONFIRMED,
    WAITLISTED
}
