package dev.aic.commandside.user;

/** The signed-in identity is already linked to a user. */
public class IdentityAlreadyRegisteredException extends RuntimeException {

    private final String userId;

    public IdentityAlreadyRegisteredException(String userId) {
        super("You are already registered");
        this.userId = userId;
    }

    public String userId() {
        return userId;
    }
}
