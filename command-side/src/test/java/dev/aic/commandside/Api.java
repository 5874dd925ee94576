package dev.aic.commandside;

import dev.aic.testsupport.DevIdentity;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/**
 * Real HTTP calls to the service under test, as one of the development identity provider's people.
 */
public record Api(TestRestTemplate http) {

    /**
     * @param user a demo username, or null for an anonymous call
     */
    @SuppressWarnings("rawtypes")
    public ResponseEntity<Map> call(
            String user, HttpMethod method, String path, Object body, Map<String, String> headers) {
        RequestEntity.BodyBuilder request = RequestEntity.method(method, path);
        if (user != null) {
            request.header(
                    HttpHeaders.AUTHORIZATION, "Bearer " + DevIdentity.start().accessToken(user));
        }
        headers.forEach(request::header);
        if (body == null) {
            return http.exchange(request.build(), Map.class);
        }
        return http.exchange(request.contentType(MediaType.APPLICATION_JSON).body(body), Map.class);
    }

    @SuppressWarnings("rawtypes")
    public ResponseEntity<Map> call(String user, HttpMethod method, String path, Object body) {
        return call(user, method, path, body, Map.of());
    }
}
