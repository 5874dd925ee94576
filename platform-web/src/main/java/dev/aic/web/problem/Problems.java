package dev.aic.web.problem;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problems with a stable {@code type}: clients switch on the type, never on the text.
 * Every type the platform answers with is listed in {@code docs/api.md}.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:aic:problem:";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }
}
