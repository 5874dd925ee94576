package dev.aic.queryside.consistency;

import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.Problems;
import dev.aic.web.problem.TypedProblem;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The read models did not reach the requested position within the bound; the client retries later.
 */
public class NotYetConsistentException extends RuntimeException implements TypedProblem {

    private static final ProblemType PROBLEM =
            new ProblemType(HttpStatus.ACCEPTED, "not-yet-consistent", "Not yet consistent");

    private final long position;

    NotYetConsistentException(long position, Duration waited) {
        super(
                "The read models have not yet reached position "
                        + position
                        + " after "
                        + waited.toMillis()
                        + " ms; retry with the same Consistency-Token");
        this.position = position;
    }

    public long position() {
        return position;
    }

    @Override
    public ProblemType problemType() {
        return PROBLEM;
    }

    /** Not a failure: the answer is not ready yet, and the client knows when to ask again. */
    @Override
    public Map<String, Object> properties() {
        return Map.of("consistencyToken", Long.toString(position));
    }

    @Override
    public HttpHeaders headers() {
        return Problems.retryAfter(1);
    }
}
