package dev.aic.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;

/**
 * The two user calls the RegisterUser benchmark makes: every registration as an administrator and
 * with an {@code Idempotency-Key} of its own, and the query side's read of the new user.
 */
final class UsersApi {

    /**
     * The answer to a registration: the HTTP status and, on 201, the new user's id and the
     * consistency token to read it with.
     */
    record Registration(int status, UUID id, long consistencyToken) {
        boolean created() {
            return status == 201 && id != null;
        }
    }

    private final Http http;
    private final URI users;
    private final URI querySide;
    private final URI commandSide;
    private final String authorization;

    UsersApi(Http http, URI commandSide, URI querySide, String accessToken) {
        this.http = http;
        this.commandSide = commandSide;
        this.querySide = querySide;
        this.users = URI.create(commandSide + "/api/users");
        this.authorization = "Bearer " + accessToken;
    }

    /** {@code POST /api/users} on the command side, as an administrator. */
    Registration register(String email, String displayName)
            throws IOException, InterruptedException {
        Http.Response response =
                http.post(
                        users,
                        authorization,
                        http.object().put("email", email).put("displayName", displayName),
                        UUID.randomUUID().toString());
        if (response.status() != 201) {
            return new Registration(response.status(), null, 0);
        }
        JsonNode id = response.body().path("id");
        return new Registration(
                201,
                id.isTextual() ? UUID.fromString(id.asText()) : null,
                response.body().path("consistencyToken").asLong());
    }

    /**
     * {@code GET /api/users/{id}} on the query side with the registration's {@code
     * Consistency-Token}, as {@code reader} (an {@code Authorization} value): the query side
     * answers 200 once its users projection has processed the registration, 202 when its wait bound
     * passed first.
     */
    int fetchStatusAfter(Registration registration, String reader)
            throws IOException, InterruptedException {
        return http.getStatus(
                URI.create(querySide + "/api/users/" + registration.id()),
                reader,
                Long.toString(registration.consistencyToken()));
    }

    /** The command-side's SQL counters now (empty unless it counts them). */
    SqlPerCommand.Counts sqlCounts() throws IOException, InterruptedException {
        return SqlPerCommand.sample(http, commandSide, authorization);
    }

    /** Fails with a readable message unless both services report themselves ready. */
    void requireReady() throws InterruptedException {
        http.requireReady(commandSide, querySide);
    }
}
