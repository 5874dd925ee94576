package dev.aic.queryside.user;

import dev.aic.web.problem.NotFoundProblem;
import java.util.UUID;

/**
 * No user with this id that the caller may see: none in the read model (yet: a just-registered user
 * appears within moments, or at once with a {@code Consistency-Token}), or one deactivated.
 */
public class UserNotFoundException extends RuntimeException implements NotFoundProblem {

    UserNotFoundException(UUID id) {
        super("No user with id " + id);
    }
}
