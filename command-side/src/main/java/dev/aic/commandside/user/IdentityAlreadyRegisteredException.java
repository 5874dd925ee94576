package dev.aic.commandside.user;

import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.TypedProblem;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The signed-in identity is already linked to a user. */
public class IdentityAlreadyRegisteredException extends RuntimeException implements TypedProblem {

    private static final ProblemType PROBLEM =
            new ProblemType(HttpStatus.CONFLICT, "already-registered", "Already registered");

    private final String userId;

    public IdentityAlreadyRegisteredException(String userId) {
        super("You are already registered");
        this.userId = userId;
    }

    public String userId() {
        return userId;
    }

    @Override
    public ProblemType problemType() {
        return PROBLEM;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("userId", userId);
    }

    /** Where the caller's user is. */
    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.setLocation(URI.create("/api/users/" + userId));
        return headers;
    }
}
