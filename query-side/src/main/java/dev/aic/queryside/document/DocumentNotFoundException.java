package dev.aic.queryside.document;

import dev.aic.web.problem.NotFoundProblem;
import java.util.UUID;

/**
 * No document with this id that the caller may read: none in the read model (yet), or one outside
 * the caller's {@link DocumentAudience}, which is not told apart so that its existence does not
 * leak.
 */
public class DocumentNotFoundException extends RuntimeException implements NotFoundProblem {

    DocumentNotFoundException(UUID id) {
        super("No document with id " + id);
    }

    /** A document the caller may read, without that content version. */
    DocumentNotFoundException(UUID id, int version) {
        super("No version " + version + " of document " + id);
    }
}
