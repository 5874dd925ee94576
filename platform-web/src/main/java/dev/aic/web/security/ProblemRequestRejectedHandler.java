package dev.aic.web.security;

import dev.aic.web.problem.ProblemWriter;
import dev.aic.web.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security's firewall refuses requests before anything else sees them (TRACE, made-up
 * methods, encoded slashes, ...); it answers with a problem like every other refusal.
 */
final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final ProblemWriter problems;

    ProblemRequestRejectedHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader("Allow", String.join(", ", METHODS));
            problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.METHOD_NOT_ALLOWED,
                            "method-not-allowed",
                            "Method not allowed",
                            "The method " + request.getMethod() + " is not supported"));
            return;
        }
        problems.write(
                request,
                response,
                Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "malformed-request",
                        "Malformed request",
                        "The request was refused: its URL or headers are not acceptable"));
    }
}
