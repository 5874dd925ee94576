package dev.aic.queryside.communityevent;

import dev.aic.web.problem.NotFoundProblem;
import java.util.UUID;

/**
 * No community event with this id that the caller may see: none in the read model (yet), or a draft
 * of someone else's, which is not told apart so that drafts do not leak.
 */
public class CommunityEventNotFoundException extends RuntimeException implements NotFoundProblem {

    CommunityEventNotFoundException(UUID id) {
        super("No community event with id " + id);
    }
}
