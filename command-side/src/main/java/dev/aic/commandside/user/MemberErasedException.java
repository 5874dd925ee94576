package dev.aic.commandside.user;

/** The member was erased: their user takes no further commands, erasure included. */
public class MemberErasedException extends RuntimeException {

    public MemberErasedException(String userId) {
        super("User " + userId + " was erased and can no longer be changed");
    }
}
