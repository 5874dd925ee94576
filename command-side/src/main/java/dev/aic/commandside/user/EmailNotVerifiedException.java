package dev.aic.commandside.user;

import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.TypedProblem;
import org.springframework.http.HttpStatus;

/**
 * The caller's token names an e-mail address its identity provider has not verified: nobody is
 * registered or linked on such a claim, or a guest could inherit the account an administrator
 * registered for that address.
 */
public class EmailNotVerifiedException extends RuntimeException implements TypedProblem {

    private static final ProblemType PROBLEM =
            new ProblemType(
                    HttpStatus.FORBIDDEN, "email-not-verified", "E-mail address not verified");

    EmailNotVerifiedException() {
        super(
                "Your identity provider has not verified your e-mail address (no email_verified or xms_edov claim);"
                        + " verify it there, or ask an administrator to register you");
    }

    @Override
    public ProblemType problemType() {
        return PROBLEM;
    }
}
