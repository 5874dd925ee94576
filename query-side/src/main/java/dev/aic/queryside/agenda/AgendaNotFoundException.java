package dev.aic.queryside.agenda;

import dev.aic.web.problem.NotFoundProblem;
import java.util.UUID;

/**
 * No agenda of this community event that the caller may see: none opened (or not in the read model
 * yet), or an unpublished one of someone else's, which is not told apart so that drafts do not
 * leak. Also a solve not found.
 */
class AgendaNotFoundException extends RuntimeException implements NotFoundProblem {

    AgendaNotFoundException(String what, UUID id) {
        super("No " + what + " " + id);
    }
}
