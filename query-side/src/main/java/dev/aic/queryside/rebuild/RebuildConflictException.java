package dev.aic.queryside.rebuild;

import dev.aic.web.problem.DescribedProblem;
import org.springframework.http.HttpStatus;

/** The request does not fit the rebuild's state: one already runs, or there is none to cancel or swap. */
class RebuildConflictException extends RuntimeException implements DescribedProblem {

    RebuildConflictException(String message) {
        super(message);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONFLICT;
    }

    @Override
    public String type() {
        return "rebuild-conflict";
    }

    @Override
    public String title() {
        return "Rebuild conflict";
    }
}
