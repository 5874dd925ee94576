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

/** One access token for the whole run (it outlives it), from the development identity provider. */
final class AccessToken {

    private AccessToken() {
    }

    static String clientCredentials(URI issuer, String client, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString(
                (URLEncoder.encode(client, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The identity provider at " + issuer + " refused a token for " + client
                    + " (HTTP " + response.statusCode() + "); is the platform up (./platform up)?");
        }
        return new ObjectMapper().readTree(response.body()).path("access_token").asText();
    }
}
