package dev.aic.contracts.document;

/** Who may read a document and everything derived from it (text, chunks, search hits). */
public enum DocumentVisibility {
    /** anyone, signed in or not */
    PUBLIC,
    /** members of the platform only */
    MEMBERS,
    /** the attendees of one community event (and its organisers) */
    EVENT_ATTENDEES
}
