package dev.aic.contracts.agenda;

/** The rules no agenda may break; each names the problem type a refused change is answered with. */
public enum HardRule {
    /** A room holds one session at a time. */
    ROOM_DOUBLE_BOOKED("room-double-booked"),
    /** A speaker is in one place at a time. */
    SPEAKER_DOUBLE_BOOKED("speaker-double-booked"),
    /** The room seats fewer than the session's expected audience. */
    ROOM_TOO_SMALL("room-too-small"),
    /** The room lacks equipment the session needs. */
    EQUIPMENT_MISSING("equipment-missing"),
    /** The slot lies outside the community event's time. */
    OUTSIDE_EVENT("outside-event"),
    /** A speaker stated they are unavailable then. */
    SPEAKER_UNAVAILABLE("speaker-unavailable"),
    /** The slot is shorter than the session. */
    SLOT_TOO_SHORT("slot-too-short"),
    /** The slot is not offered in that room. */
    ROOM_NOT_IN_SLOT("room-not-in-slot");

    private final String problemType;

    HardRule(String problemType) {
        this.problemType = problemType;
    }

    public String problemType() {
        return problemType;
    }
}
