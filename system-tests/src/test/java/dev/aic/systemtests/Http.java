package dev.aic.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A request to one of the services, written the way a client would send it. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Http(URI uri) {
        this.uri = uri;
    }

    static Http to(URI uri) {
        return new Http(uri);
    }

    /** Signs the request in with a bearer token; {@code null} leaves it anonymous. */
    Http bearer(String token) {
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return this;
    }

    Http header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Reply get() {
        return send("GET", HttpRequest.BodyPublishers.noBody());
    }

    Reply post(String json) {
        return sendJson("POST", json);
    }

    Reply put(String json) {
        return sendJson("PUT", json);
    }

    /** {@code json} may be null for a request without a body. */
    Reply sendJson(String method, String json) {
        if (json == null) {
            return send(method, HttpRequest.BodyPublishers.noBody());
        }
        headers.putIfAbsent("Content-Type", "application/json");
        return send(method, HttpRequest.BodyPublishers.ofString(json));
    }

    /**
     * A multipart/form-data request, as a browser's file upload sends it: the form fields, then the
     * file.
     */
    Reply multipart(String method, Map<String, String> fields, String filename, byte[] file) {
        String boundary = "aic-" + UUID.randomUUID();
        var form = new ByteArrayOutputStream();
        fields.forEach(
                (name, value) ->
                        form.writeBytes(
                                ("--"
                                                + boundary
                                                + "\r\nContent-Disposition: form-data; name=\""
                                                + name
                                                + "\"\r\n\r\n"
                                                + value
                                                + "\r\n")
                                        .getBytes(StandardCharsets.UTF_8)));
        form.writeBytes(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                                + filename
                                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        form.writeBytes(file);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
        return send(method, HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()));
    }

    private Reply send(String method, HttpRequest.BodyPublisher body) {
        var request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method, body);
        headers.forEach(request::header);
        try {
            HttpResponse<String> response =
                    CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    method + " " + uri,
                    response.statusCode(),
                    response.headers().map(),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + method + " " + uri, e);
        }
    }

    /**
     * A response: status, headers (names as the server wrote them, compared ignoring case) and
     * body.
     */
    record Reply(
            String request, int status, Map<String, java.util.List<String>> headers, String body) {

        Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .findFirst();
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON from " + request + ": " + body, e);
            }
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + body;
        }
    }
}
