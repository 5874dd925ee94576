package dev.aic.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The members who RSVP: each signs in (a client-credentials token from the development identity
 * provider, whose client id is the username) and registers themself with {@code POST /api/me}.
 *
 * <p>The usernames are the same in every run ({@code rsvp-member-1}, {@code rsvp-member-2}, ...),
 * so a member registered by an earlier run answers 409 {@code already-registered} and is simply
 * used again: only the first run against a database pays for the registrations. The events are new
 * in every run, so every member can RSVP to each of them once.
 */
final class Members {

    private Members() {}

    /** The pool of registered members, as {@code Authorization} header values in username order. */
    record Pool(List<String> authorizations, int newlyRegistered) {}

    static Pool register(
            Http http, URI commandSide, URI issuer, String secret, int count, int concurrency)
            throws Exception {
        URI me = URI.create(commandSide + "/api/me");
        List<Callable<Boolean>> registrations = new ArrayList<>(count);
        String[] authorizations = new String[count];
        for (int i = 0; i < count; i++) {
            int index = i;
            String username = "rsvp-member-" + (i + 1);
            registrations.add(
                    () -> {
                        String authorization =
                                "Bearer " + AccessToken.clientCredentials(issuer, username, secret);
                        authorizations[index] = authorization;
                        int status = http.post(me, authorization, null, null).status();
                        // 201: registered now; 409 already-registered: by an earlier run, which is
                        // as good
                        if (status != 201 && status != 409) {
                            throw new IllegalStateException(
                                    "POST /api/me as " + username + " answered " + status);
                        }
                        return status == 201;
                    });
        }
        ExecutorService workers =
                Executors.newFixedThreadPool(concurrency, Threads.named("members"));
        try {
            int created = 0;
            for (Future<Boolean> registration : workers.invokeAll(registrations)) {
                created += registration.get() ? 1 : 0;
            }
            // invokeAll has waited for every task, so their writes to the array are visible here
            return new Pool(List.of(authorizations), created);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            workers.shutdownNow();
        }
    }
}
