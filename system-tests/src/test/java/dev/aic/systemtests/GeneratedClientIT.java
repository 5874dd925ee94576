package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aic.client.command.api.MeApi;
import dev.aic.client.command.api.UsersApi;
import dev.aic.client.command.model.RegisterSelf;
import dev.aic.client.command.model.UpdateProfile;
import dev.aic.client.command.model.UserChange;
import dev.aic.client.query.model.UserView;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A client written against nothing but the Java code the build generates from the approved OpenAPI
 * documents: if a step of a member's first session cannot be expressed with it, the documents are
 * wrong. The only thing added by hand is the bearer token, which the generator's {@code native}
 * library leaves to a request interceptor.
 */
class GeneratedClientIT {

    private final Platform platform = Platform.shared();

    @Test
    void aNewMemberRegistersUpdatesTheProfileOptimisticallyAndReadsTheWriteAtOnce()
            throws Exception {
        String token = platform.token("gen-" + UUID.randomUUID().toString().substring(0, 8));
        var commands = new dev.aic.client.command.ApiClient();
        commands.updateBaseUri(platform.commandSide().url("").toString());
        commands.setRequestInterceptor(
                request -> request.header("Authorization", "Bearer " + token));
        var queries = new dev.aic.client.query.ApiClient();
        queries.updateBaseUri(platform.querySide().url("").toString());
        queries.setRequestInterceptor(
                request -> request.header("Authorization", "Bearer " + token));

        var registered =
                new MeApi(commands)
                        .registerSelfWithHttpInfo(
                                null, new RegisterSelf().displayName("Generated Grace"));
        assertThat(registered.getStatusCode()).isEqualTo(201);
        UserChange registration = registered.getData();
        UUID id = registration.getId();
        assertThat(registration.getConsistencyToken()).isNotBlank();

        // the ETag is the version as an entity tag; the generated ApiResponse hands over the
        // response headers
        String etag = registered.getHeaders().get("ETag").get(0);
        assertThat(etag).isEqualTo("\"" + registration.getVersion() + "\"");
        var users = new UsersApi(commands);
        var profile =
                new UpdateProfile()
                        .displayName("Grace Hopper")
                        .bio("Found the first bug")
                        .interests(List.of("compilers", "COBOL"))
                        .avatarRef("https://example.org/grace.png");
        var updated = users.updateProfileWithHttpInfo(id, profile, etag);
        assertThat(updated.getStatusCode()).isEqualTo(200);
        UserChange update = updated.getData();
        assertThat(update.getVersion()).isGreaterThan(registration.getVersion());

        var stale =
                catchThrowableOfType(
                        dev.aic.client.command.ApiException.class,
                        () -> users.updateProfile(id, profile.displayName("Admiral Hopper"), etag));
        assertThat(stale.getCode()).as(stale.getResponseBody()).isEqualTo(412);
        assertThat(stale.getResponseBody()).contains("urn:aic:problem:stale-version");

        var queryUsers = new dev.aic.client.query.api.UsersApi(queries);
        UserView mine = queryUsers.getMe(update.getConsistencyToken());
        assertThat(mine.getId()).isEqualTo(id);
        assertThat(mine.getDisplayName()).isEqualTo("Grace Hopper");
        assertThat(mine.getInterests()).containsExactly("compilers", "COBOL");
        assertThat(mine.getVersion()).isEqualTo(update.getVersion());
        UserView byId = queryUsers.getUser(id, update.getConsistencyToken());
        assertThat(byId.getDisplayName()).isEqualTo("Grace Hopper");
        assertThat(byId.getEmail()).endsWith("@example.test");
    }
}
