package dev.aic.web.demo;

import dev.aic.web.problem.ProblemWriter;
import dev.aic.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a development request say when it happens: {@code AIC-Demo-Time: 2026-03-14T18:30:00Z}
 * (ISO-8601, not in the future) runs it at that instant ({@link DemoTime}), so the demo data
 * generator can lay down a year of history through the real API. Registered only where backdating
 * is allowed; elsewhere the header is ignored like any unknown one.
 */
final class DemoTimeFilter extends OncePerRequestFilter {

    static final String HEADER = "AIC-Demo-Time";

    private final DemoTime time;
    private final ProblemWriter problems;

    DemoTimeFilter(DemoTime time, ProblemWriter problems) {
        this.time = time;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HEADER);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Instant at;
        try {
            at = Instant.parse(header.strip());
        } catch (DateTimeParseException e) {
            refuse(request, response, "is not an ISO-8601 instant such as 2026-03-14T18:30:00Z");
            return;
        }
        if (at.isAfter(Instant.now())) {
            refuse(request, response, "is in the future: only history can be made up");
            return;
        }
        time.hold(at);
        try {
            chain.doFilter(request, response);
        } finally {
            time.release();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String why)
            throws IOException {
        problems.write(
                request,
                response,
                Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "malformed-request",
                        "Invalid demo time",
                        "The " + HEADER + " header " + why));
    }
}
