package dev.aic.queryside.user;

/** The caller's identity is not linked to a platform user (yet: registration is {@code POST /api/me}). */
public class NotRegisteredException extends RuntimeException {

    public NotRegisteredException() {
        super("You have not registered yet: register with POST /api/me on the command API");
    }
}
