package dev.aic.devidentity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The provider started the way the launchers start it (a port on the command line), seen only
 * through HTTP: what a resource server and a shell script see.
 */
class DevIdentityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ENTRA_ADMIN_GROUP = "6f1d9a52-7c3e-4b1a-9d2f-0c8e5a4b7e11";

    private static ConfigurableApplicationContext app;
    private static String issuer;

    @BeforeAll
    static void startLikeTheLauncher() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        app =
                new SpringApplicationBuilder(DevIdentityApplication.class)
                        .run("--server.port=" + port);
        issuer = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theBrowserClientsMayTradeACodeFromALoopbackOriginOnAnyPortButNoOtherHost()
            throws Exception {
        for (String origin : new String[] {"http://127.0.0.1:8082", "http://127.0.0.1:18082"}) {
            HttpResponse<Void> preflight = tokenPreflightFrom(origin);

            assertThat(preflight.statusCode()).as(origin).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .contains(origin);
        }

        HttpResponse<Void> elsewhere = tokenPreflightFrom("http://attacker.example:8082");
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static HttpResponse<Void> tokenPreflightFrom(String origin) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type")
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void discoveryNamesTheIssuerOnThePortItWasStartedWith() throws Exception {
        JsonNode discovery = getJson("/.well-known/openid-configuration");

        assertThat(discovery.path("issuer").asText()).isEqualTo(issuer);
        assertThat(discovery.path("jwks_uri").asText()).isEqualTo(issuer + "/oauth2/jwks");
        assertThat(discovery.path("token_endpoint").asText()).isEqualTo(issuer + "/oauth2/token");
    }

    @Test
    void aliceGetsAnRs256AccessTokenSignedByTheKeyInTheJwks() throws Exception {
        SignedJWT token =
                SignedJWT.parse(
                        clientCredentials("alice", "dev-secret").path("access_token").asText());

        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        var key =
                JWKSet.parse(getJson("/oauth2/jwks").toString())
                        .getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(token.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();

        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getAudience()).containsExactly("aic-platform");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("alice");
        assertThat(claims.getStringClaim("email")).isEqualTo("alice@example.test");
        assertThat(claims.getBooleanClaim("email_verified")).isTrue();
        assertThat(claims.getStringClaim("name")).isEqualTo("Alice Member");
        assertThat(claims.getStringListClaim("roles")).containsExactly("MEMBER");
        assertThat(claims.getStringListClaim("groups")).isEmpty();
        assertThat(
                        Duration.between(
                                claims.getIssueTime().toInstant(),
                                claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
        assertThat(claims.getIssueTime().toInstant())
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void erinHasNoRoleOfHerOwnButCarriesHerEntraGroup() throws Exception {
        JWTClaimsSet claims = claimsOf(clientCredentials("erin", "dev-secret"));

        assertThat(claims.getSubject()).isEqualTo("erin");
        assertThat(claims.getStringListClaim("roles")).isEmpty();
        assertThat(claims.getStringListClaim("groups")).containsExactly(ENTRA_ADMIN_GROUP);
    }

    @Test
    void anUnverifiedGuestClaimsSomeoneElsesAddressWithoutHavingProvedIt() throws Exception {
        JWTClaimsSet claims = claimsOf(clientCredentials("unverified-alice", "dev-secret"));

        assertThat(claims.getSubject()).isEqualTo("unverified-alice");
        assertThat(claims.getStringClaim("email")).isEqualTo("alice@example.test");
        assertThat(claims.getBooleanClaim("email_verified")).isFalse();
    }

    @Test
    void anyWellFormedUsernameIsAMemberOfTheOpenDirectory() throws Exception {
        JWTClaimsSet claims = claimsOf(clientCredentials("load-user-0042", "dev-secret"));

        assertThat(claims.getSubject()).isEqualTo("load-user-0042");
        assertThat(claims.getStringClaim("email")).isEqualTo("load-user-0042@example.test");
        assertThat(claims.getStringClaim("name")).isEqualTo("load-user-0042");
        assertThat(claims.getStringListClaim("roles")).containsExactly("MEMBER");
        assertThat(claims.getStringListClaim("groups")).isEmpty();
    }

    @Test
    void theSecretMayAlsoComeInTheFormBody() throws Exception {
        var response =
                post(
                        "/oauth2/token",
                        null,
                        form(
                                "grant_type",
                                "client_credentials",
                                "client_id",
                                "bob",
                                "client_secret",
                                "dev-secret"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(claimsOf(JSON.readTree(response.body())).getSubject()).isEqualTo("bob");
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        assertThat(tokenRequest("alice", "not-the-secret").statusCode()).isEqualTo(401);
    }

    @Test
    void aMalformedUsernameIsRefused() throws Exception {
        assertThat(tokenRequest("Bad Name", "dev-secret").statusCode()).isEqualTo(401);
    }

    @Test
    void theReadinessProbeIsOpen() throws Exception {
        assertThat(getJson("/actuator/health/readiness").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void swaggerUiSignsOliviaInWithAuthorizationCodeAndPkce() throws Exception {
        var browser =
                HttpClient.newBuilder()
                        .cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        String redirectUri = "http://127.0.0.1:8081/swagger-ui/oauth2-redirect.html";
        String verifier = "a-code-verifier-long-enough-for-rfc-7636-0123456789";
        String challenge =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorize =
                URI.create(
                        issuer
                                + "/oauth2/authorize?"
                                + form(
                                        "response_type",
                                        "code",
                                        "client_id",
                                        "aic-swagger",
                                        "scope",
                                        "openid aic",
                                        "redirect_uri",
                                        redirectUri,
                                        "code_challenge",
                                        challenge,
                                        "code_challenge_method",
                                        "S256",
                                        "state",
                                        "s1"));

        var toLogin =
                browser.send(
                        HttpRequest.newBuilder(authorize).header("Accept", "text/html").build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(toLogin.headers().firstValue("Location")).contains(issuer + "/login");
        String loginPage =
                browser.send(
                                HttpRequest.newBuilder(URI.create(issuer + "/login")).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        var csrf =
                Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"")
                        .matcher(loginPage);
        assertThat(csrf.find()).isTrue();
        browser.send(
                HttpRequest.newBuilder(URI.create(issuer + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        form(
                                                "username",
                                                "olivia",
                                                "password",
                                                "dev-secret",
                                                "_csrf",
                                                csrf.group(1))))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        var toSwagger =
                browser.send(
                        HttpRequest.newBuilder(authorize).build(),
                        HttpResponse.BodyHandlers.discarding());
        String location = toSwagger.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?code=");
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf('&'));

        var tokens =
                post(
                        "/oauth2/token",
                        null,
                        form(
                                "grant_type",
                                "authorization_code",
                                "client_id",
                                "aic-swagger",
                                "code",
                                code,
                                "code_verifier",
                                verifier,
                                "redirect_uri",
                                redirectUri));

        assertThat(tokens.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = claimsOf(JSON.readTree(tokens.body()));
        assertThat(claims.getSubject()).isEqualTo("olivia");
        assertThat(claims.getAudience()).containsExactly("aic-platform");
        assertThat(claims.getStringListClaim("roles")).containsExactly("ORGANIZER");
    }

    private static JWTClaimsSet claimsOf(JsonNode tokenResponse) throws Exception {
        return SignedJWT.parse(tokenResponse.path("access_token").asText()).getJWTClaimsSet();
    }

    private static JsonNode clientCredentials(String username, String secret) throws Exception {
        var response = tokenRequest(username, secret);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        return body;
    }

    private static HttpResponse<String> tokenRequest(String username, String secret)
            throws Exception {
        String basic =
                Base64.getEncoder()
                        .encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return post("/oauth2/token", "Basic " + basic, form("grant_type", "client_credentials"));
    }

    private static HttpResponse<String> post(String path, String authorization, String form)
            throws Exception {
        var request =
                HttpRequest.newBuilder(URI.create(issuer + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String path) throws Exception {
        var response =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(issuer + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String form(String... namesAndValues) {
        var pairs = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!pairs.isEmpty()) {
                pairs.append('&');
            }
            pairs.append(namesAndValues[i])
                    .append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return pairs.toString();
    }
}
