package dev.aic.contracts.communityevent;

/** What a member holds for a community event, and gives up when cancelling. */
public enum RsvpPlace {
    SEAT,
    WAITING_LIST
}
