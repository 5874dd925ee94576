package dev.aic.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The calls every driver makes, as a client would make them: JSON, signed in with a bearer token.
 *
 * <p>One {@link HttpClient} keeps a pool of HTTP/1.1 keep-alive connections (one per concurrent
 * caller), so the figures include request handling but not TCP set-up. HTTP/1.1 is forced because
 * the services speak plain HTTP/1.1 and an h2c upgrade attempt would only add noise.
 */
final class Http {

    /** A status and the JSON body ({@link MissingNode} when there is none or it is not JSON). */
    record Response(int status, JsonNode body) {}

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private final ObjectMapper json = new ObjectMapper();

    ObjectNode object() {
        return json.createObjectNode();
    }

    /**
     * {@code POST uri} with {@code body} as JSON (none when null) and, when not null, an {@code
     * Idempotency-Key}.
     */
    Response post(URI uri, String authorization, JsonNode body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Accept", "application/json")
                        .header("Authorization", authorization);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<byte[]> response =
                client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(), parse(response.body()));
    }

    /**
     * Any call with a JSON body (none when null) and extra {@code headers}; answers the status, the
     * JSON body and the response's headers.
     */
    Exchange send(
            String method,
            URI uri,
            String authorization,
            JsonNode body,
            Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Accept", "application/json")
                        .header("Authorization", authorization);
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<byte[]> response =
                client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Exchange(
                new Response(response.statusCode(), parse(response.body())), response.headers());
    }

    /** A response with its headers. */
    record Exchange(Response response, java.net.http.HttpHeaders headers) {
        int status() {
            return response.status();
        }

        JsonNode body() {
            return response.body();
        }
    }

    /** {@code GET uri} with its JSON answer. */
    Response get(URI uri, String authorization) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Accept", "application/json")
                        .header("Authorization", authorization)
                        .GET()
                        .build();
        HttpResponse<byte[]> response =
                client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(), parse(response.body()));
    }

    /**
     * {@code POST uri} as {@code multipart/form-data}, as a browser's upload form sends it: the
     * text {@code fields}, then one file part named {@code file}.
     */
    Response postFile(
            URI uri,
            String authorization,
            Map<String, String> fields,
            String filename,
            String contentType,
            byte[] bytes)
            throws IOException, InterruptedException {
        return postFile(uri, authorization, fields, filename, contentType, bytes, Map.of());
    }

    /** The same, with extra {@code headers}. */
    Response postFile(
            URI uri,
            String authorization,
            Map<String, String> fields,
            String filename,
            String contentType,
            byte[] bytes,
            Map<String, String> headers)
            throws IOException, InterruptedException {
        String boundary = "aic-bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(bytes.length + 1024);
        fields.forEach(
                (name, value) ->
                        body.writeBytes(
                                ("--"
                                                + boundary
                                                + "\r\nContent-Disposition: form-data; name=\""
                                                + name
                                                + "\"\r\n\r\n"
                                                + value
                                                + "\r\n")
                                        .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                                + filename
                                + "\"\r\nContent-Type: "
                                + contentType
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Accept", "application/json")
                        .header("Authorization", authorization)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary);
        headers.forEach(request::header);
        HttpResponse<byte[]> response =
                client.send(
                        request.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(), parse(response.body()));
    }

    /** {@code GET uri} with its body as text, e.g. a Prometheus scrape. */
    String getText(URI uri, String authorization) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Authorization", authorization)
                        .GET()
                        .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    /**
     * {@code GET uri} once the read model covers {@code consistencyToken}, answering only the
     * status (the body is discarded unread).
     */
    int getStatus(URI uri, String authorization, String consistencyToken)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Accept", "application/json")
                        .header("Authorization", authorization)
                        .header("Consistency-Token", consistencyToken)
                        .GET()
                        .build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Fails with a readable message unless every service reports itself ready. */
    void requireReady(URI... services) throws InterruptedException {
        for (URI service : services) {
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create(service + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build();
            try {
                int status =
                        client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 200) {
                    throw new IllegalStateException(
                            service
                                    + " is not ready (readiness answered "
                                    + status
                                    + "); start the platform with ./platform up");
                }
            } catch (IOException e) {
                throw new IllegalStateException(
                        service
                                + " does not answer ("
                                + e
                                + "); start the platform with ./platform up",
                        e);
            }
        }
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        } catch (IOException e) {
            throw new IllegalStateException("reading an in-memory body failed", e);
        }
    }
}
