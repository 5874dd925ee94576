package dev.aic.commandside.document;

import dev.aic.web.problem.ProblemWriter;
import dev.aic.web.problem.Problems;
import dev.aic.web.ratelimit.ConcurrencyLimit;
import dev.aic.web.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits an upload before the servlet container receives its body: the multipart parser writes the
 * file to temporary disk before any controller runs, so the bound has to come first. A member may
 * send {@code max-uploads-per-member} at once and everyone together {@code max-uploads}; the next
 * is answered 429 at once, having cost nothing. Runs after authentication (a plain filter, ordered
 * after Spring Security's), so it counts by the caller.
 */
@Component
class UploadAdmission extends OncePerRequestFilter {

    private static final Pattern UPLOAD_PATHS =
            Pattern.compile("^/api/documents(/[^/]+/content)?/?$");

    private final ProblemWriter problems;
    private final ConcurrencyLimit uploads;

    UploadAdmission(DocumentProperties properties, ProblemWriter problems) {
        this.problems = problems;
        this.uploads =
                new ConcurrencyLimit(properties.maxUploadsPerMember(), properties.maxUploads());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) || "PUT".equals(request.getMethod()))
                || !UPLOAD_PATHS.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Caller caller)) {
            chain.doFilter(request, response);
            return;
        }
        String member = caller.key();
        if (!uploads.tryAcquire(member)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "too-many-uploads",
                            "Too many uploads at once",
                            "Wait until one of the uploads under way has finished"));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            uploads.release(member);
        }
    }
}
