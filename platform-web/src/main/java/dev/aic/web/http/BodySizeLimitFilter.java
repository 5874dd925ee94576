package dev.aic.web.http;

import dev.aic.web.problem.PayloadTooLargeException;
import dev.aic.web.problem.ProblemWriter;
import dev.aic.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies above the limit before they reach a controller: by their declared length at once,
 * and while reading when the length is not declared (chunked uploads). A service may raise the
 * limit for a few paths only (document uploads) by declaring {@link LargerLimit} beans; every other
 * path keeps the default, and takes no multipart body at all: the servlet container parses
 * multipart itself, past this filter's counting stream and up to the upload limit, so a chunked
 * multipart body would bypass the default.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final long limit;
    private final List<LargerLimit> largerLimits;
    private final ProblemWriter problems;

    public BodySizeLimitFilter(long limit, ProblemWriter problems) {
        this(limit, List.of(), problems);
    }

    public BodySizeLimitFilter(long limit, List<LargerLimit> largerLimits, ProblemWriter problems) {
        this.limit = limit;
        this.largerLimits = List.copyOf(largerLimits);
        this.problems = problems;
    }

    /**
     * The body limit of the paths matching {@code pathPattern} (Ant style, e.g. {@code
     * /api/documents/*}).
     */
    public record LargerLimit(String pathPattern, long limit) {}

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request.getRequestURI());
        if (limit == this.limit && isMultipart(request)) {
            problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            "unsupported-media-type",
                            "Unsupported media type",
                            "Only uploads take multipart bodies"));
            return;
        }
        if (request.getContentLengthLong() > limit) {
            problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.PAYLOAD_TOO_LARGE,
                            "payload-too-large",
                            "Request body too large",
                            "The request body exceeds " + limit + " bytes"));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
    }

    private long limitFor(String path) {
        return largerLimits.stream()
                .filter(larger -> PATHS.match(larger.pathPattern(), path))
                .mapToLong(LargerLimit::limit)
                .findFirst()
                .orElse(limit);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
