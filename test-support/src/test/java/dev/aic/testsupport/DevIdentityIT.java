package dev.aic.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DevIdentityIT {

    private final DevIdentity identity = DevIdentity.start();

    @Test
    void oneProviderServesTheWholeJvm() {
        assertThat(DevIdentity.start()).isSameAs(identity);
        assertThat(identity.issuerUri()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void theIssuerPublishesItsSigningKeys() throws Exception {
        var jwks =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(identity.issuerUri() + "/oauth2/jwks"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).contains("\"kty\":\"RSA\"");
    }

    @Test
    void aPersonsTokenNamesThemAndIsReusedUntilItNearsExpiry() {
        String alice = identity.accessToken("alice");

        assertThat(payloadOf(alice))
                .contains("\"sub\":\"alice\"", "\"iss\":\"" + identity.issuerUri() + "\"");
        assertThat(identity.accessToken("alice")).isSameAs(alice);
        assertThat(payloadOf(identity.accessToken("bob"))).contains("\"sub\":\"bob\"");
    }

    @Test
    void anUncachedTokenIsFreshEachTime() {
        String first = identity.accessToken("olivia", "dev-secret");

        assertThat(identity.accessToken("olivia", "dev-secret")).isNotEqualTo(first);
    }

    @Test
    void aWrongSecretOrAMalformedUsernameIsRefusedWithTheProvidersAnswer() {
        assertThatThrownBy(() -> identity.accessToken("alice", "wrong"))
                .hasMessageContaining("HTTP 401");
        assertThatThrownBy(() -> identity.accessToken("Bad Name", "dev-secret"))
                .hasMessageContaining("HTTP 401");
    }

    private static String payloadOf(String jwt) {
        return new String(
                Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
