package dev.aic.queryside.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.testsupport.DevIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/**
 * Real HTTP calls to the projections' admin API, as one of the development identity provider's
 * people.
 */
record AdminCalls(TestRestTemplate http) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A reply: its status, content type and body as JSON (null when empty). */
    record Reply(HttpStatusCode status, MediaType contentType, JsonNode body) {}

    Reply call(String user, HttpMethod method, String path) {
        RequestEntity.BodyBuilder request = RequestEntity.method(method, URI.create(path));
        if (user != null) {
            request.header(
                    HttpHeaders.AUTHORIZATION, "Bearer " + DevIdentity.start().accessToken(user));
        }
        ResponseEntity<String> response = http.exchange(request.build(), String.class);
        try {
            JsonNode body = response.getBody() == null ? null : JSON.readTree(response.getBody());
            return new Reply(
                    response.getStatusCode(), response.getHeaders().getContentType(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.getBody(), e);
        }
    }

    Reply get(String user, String path) {
        return call(user, HttpMethod.GET, path);
    }
}
