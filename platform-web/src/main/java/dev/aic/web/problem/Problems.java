package dev.aic.web.problem;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problems with a stable {@code type}: clients switch on the type, never on the text.
 * Every type the platform answers with is listed in {@code docs/api.md}.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:aic:problem:";

    private Problems() {}

    /**
     * The type of a failure that has nothing but its status to say, e.g. one the servlet container
     * raised.
     */
    public static String typeOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "malformed-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> status.is5xxServerError() ? "internal-error" : "http-" + status.value();
        };
    }

    public static ProblemDetail of(
            HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }

    /**
     * The detail of every upload too large, whoever refused it: the feature or the servlet
     * container's limit.
     */
    public static String fileTooLarge(long maxBytes) {
        return "A file may have at most " + maxBytes + " bytes";
    }

    /** The headers of a problem the client may simply retry after so many seconds. */
    public static HttpHeaders retryAfter(int seconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(seconds));
        return headers;
    }
}
