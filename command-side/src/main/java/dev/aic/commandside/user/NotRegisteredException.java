package dev.aic.commandside.user;

/** The caller signed in but never registered: the platform holds nothing about them. */
public class NotRegisteredException extends RuntimeException {

    public NotRegisteredException() {
        super("You are not registered: the platform holds nothing about you");
    }
}
