package dev.aic.contracts.user;

/** What the platform e-mails a member about. Each topic can be unsubscribed from on its own. */
public enum EmailTopic {
    /** A seat became free and the member, first on the waiting list, got it. */
    WAITING_LIST_PROMOTION,
    /** A community event the member has a seat at starts soon. */
    EVENT_REMINDER,
    /** A community event the member had a seat at, or was waiting for, was cancelled. */
    EVENT_CANCELLATION
}
