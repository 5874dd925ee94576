package dev.aic.commandside.user;

/** Someone registered with this e-mail address already. */
public class EmailAlreadyRegisteredException extends RuntimeException {

    public EmailAlreadyRegisteredException(String email) {
        super("The e-mail address " + email + " is already registered");
    }
}
