package dev.aic.commandside.communityevent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.commandside.Api;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Steps the community-event integration tests share. */
final class CommunityEventScenarios {

    private CommunityEventScenarios() {}

    /**
     * The person's user id, registering them on first sign-in (an earlier test may have done so).
     */
    @SuppressWarnings("rawtypes")
    static String register(Api api, String user) {
        ResponseEntity<Map> response = api.call(user, HttpMethod.POST, "/api/me", Map.of());
        assertThat(response.getStatusCode()).as(user).isIn(HttpStatus.CREATED, HttpStatus.CONFLICT);
        return response.getStatusCode() == HttpStatus.CREATED
                ? (String) response.getBody().get("id")
                : (String) response.getBody().get("userId");
    }
}
