package dev.aic.queryside;

import dev.aic.testsupport.DevIdentity;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/**
 * Real HTTP GETs to the service under test, as one of the development identity provider's people.
 */
public record Api(TestRestTemplate http) {

    /**
     * @param user a username of the development identity provider, or null for an anonymous call
     */
    @SuppressWarnings("rawtypes")
    public ResponseEntity<Map> get(String user, String path, Map<String, String> headers) {
        RequestEntity.HeadersBuilder<?> request = RequestEntity.get(path);
        if (user != null) {
            request.header(
                    HttpHeaders.AUTHORIZATION, "Bearer " + DevIdentity.start().accessToken(user));
        }
        headers.forEach(request::header);
        return http.exchange(request.build(), Map.class);
    }

    @SuppressWarnings("rawtypes")
    public ResponseEntity<Map> get(String user, String path) {
        return get(user, path, Map.of());
    }
}
