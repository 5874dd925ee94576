package dev.aic.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Access tokens from the development identity provider, one per signed-in person for the whole run
 * (a token outlives it). One shared client, because the RSVP benchmark signs in thousands of
 * members.
 */
final class AccessToken {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessToken() {}

    static String clientCredentials(URI issuer, String client, String secret)
            throws IOException, InterruptedException {
        String basic =
                Base64.getEncoder()
                        .encodeToString(
                                (URLEncoder.encode(client, StandardCharsets.UTF_8)
                                                + ":"
                                                + URLEncoder.encode(secret, StandardCharsets.UTF_8))
                                        .getBytes(StandardCharsets.UTF_8));
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "The identity provider at "
                            + issuer
                            + " refused a token for "
                            + client
                            + " (HTTP "
                            + response.statusCode()
                            + "); is the platform up (./platform up)?");
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }
}
