package dev.aic.queryside.user;

import java.util.UUID;

/** No user with this id in the read model (yet: a just-registered user appears within moments). */
public class UserNotFoundException extends RuntimeException {

    public UserNotFoundException(UUID id) {
        super("No user with id " + id);
    }
}
