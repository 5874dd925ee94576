package dev.aic.queryside.communityevent;

import dev.aic.contracts.user.Role;
import dev.aic.web.security.Caller;

/**
 * Who sees what of a community event. Once published (cancelled since or not), every member sees
 * it; a draft only its organisers and administrators. The attendee list and the figures are for the
 * event's organisers, administrators and auditors.
 */
final class CommunityEventAccess {

    private CommunityEventAccess() {}

    static boolean isOrganizer(Caller caller, CommunityEventView event) {
        return event.organizers().stream().anyMatch(caller::isUser);
    }

    static boolean maySee(Caller caller, CommunityEventView event, boolean published) {
        return published || caller.has(Role.ADMIN) || isOrganizer(caller, event);
    }

    static boolean mayReadAttendees(Caller caller, CommunityEventView event) {
        return caller.has(Role.ADMIN) || caller.has(Role.AUDITOR) || isOrganizer(caller, event);
    }

    /** Administrators list every draft; others only their own, found by their user id. */
    static boolean seesEveryDraft(Caller caller) {
        return caller.has(Role.ADMIN);
    }
}
