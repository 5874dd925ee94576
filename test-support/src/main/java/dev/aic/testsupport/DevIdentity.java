package dev.aic.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The development OpenID Connect provider ({@code dev-identity}) for integration tests: started
 * once per JVM from its runnable jar on a free port, so services under test validate real JWTs from
 * a real issuer.
 *
 * <p>Tokens are obtained as the command line does: the {@code client_credentials} grant with the
 * username as client id and the development secret as client secret. Set {@code
 * AIC_OIDC_ISSUER_URI} (system property or environment) to use a provider that is already running
 * instead of starting one.
 *
 * <pre>{@code
 * DevIdentity identity = DevIdentity.start();
 * String issuer = identity.issuerUri();          // spring.security.oauth2.resourceserver.jwt.issuer-uri
 * String bearer = identity.accessToken("alice"); // Authorization: Bearer …
 * }</pre>
 */
public final class DevIdentity {

    /**
     * The directory group the development provider puts erin in; deployments using it map it to
     * ADMIN.
     */
    public static final String ADMIN_GROUP = "6f1d9a52-7c3e-4b1a-9d2f-0c8e5a4b7e11";

    /**
     * The services' setting that maps {@link #ADMIN_GROUP} to ADMIN, as SPRING_APPLICATION_JSON.
     */
    public static final String GROUP_MAPPING_JSON =
            "{\"aic\":{\"security\":{\"group-roles\":{\"" + ADMIN_GROUP + "\":\"ADMIN\"}}}}";

    /** The same development-only default as the provider's own {@code AIC_DEV_IDENTITY_SECRET}. */
    private static final String DEFAULT_SECRET = "dev-secret";

    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    /**
     * A cached token is replaced this long before it expires, so no test holds one that lapses
     * mid-request.
     */
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private static DevIdentity instance;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final String issuerUri;
    private final String secret;
    private URI tokenEndpoint;

    private DevIdentity(String issuerUri, String secret) {
        this.issuerUri = issuerUri;
        this.secret = secret;
    }

    /**
     * The provider of this JVM: the one named by {@code AIC_OIDC_ISSUER_URI}, or one started now.
     */
    public static synchronized DevIdentity start() {
        if (instance == null) {
            String secret = setting("AIC_DEV_IDENTITY_SECRET", DEFAULT_SECRET);
            String external = setting("AIC_OIDC_ISSUER_URI", null);
            DevIdentity identity;
            if (external != null) {
                identity = new DevIdentity(external, secret);
                identity.awaitDiscovery(null, null);
            } else {
                int port = freePort();
                identity = new DevIdentity("http://127.0.0.1:" + port, secret);
                identity.launch(port);
            }
            instance = identity;
        }
        return instance;
    }

    /**
     * What resource servers set as {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}.
     */
    public String issuerUri() {
        return issuerUri;
    }

    /**
     * A signed access token for {@code username} (a demo person such as {@code alice}, or any
     * well-formed username of the open directory), reused until five minutes before it expires.
     * Safe from any thread.
     */
    public String accessToken(String username) {
        Token cached = tokens.get(username);
        if (cached != null && Instant.now().isBefore(cached.renewAt())) {
            return cached.value();
        }
        // two threads may both fetch a fresh token for the same person: both are valid, the later
        // one stays
        Token fresh = requestToken(username, secret);
        tokens.put(username, fresh);
        return fresh.value();
    }

    /**
     * A new token for {@code username} with the given secret, never cached.
     *
     * @throws IllegalStateException with the provider's status and answer when it refuses (a wrong
     *     secret or a malformed username give 401)
     */
    public String accessToken(String username, String secret) {
        return requestToken(username, secret).value();
    }

    private Token requestToken(String username, String clientSecret) {
        String basic =
                Base64.getEncoder()
                        .encodeToString(
                                (urlEncode(username) + ":" + urlEncode(clientSecret))
                                        .getBytes(StandardCharsets.UTF_8));
        var request =
                HttpRequest.newBuilder(tokenEndpoint)
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build();
        Instant requested = Instant.now();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "The identity provider refused a token for '"
                            + username
                            + "': HTTP "
                            + response.statusCode()
                            + " "
                            + response.body());
        }
        String token = field(response.body(), "access_token");
        Matcher expiresIn =
                Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)").matcher(response.body());
        if (token == null || !expiresIn.find()) {
            throw new IllegalStateException("Unexpected token response: " + response.body());
        }
        Instant expiry = requested.plusSeconds(Long.parseLong(expiresIn.group(1)));
        return new Token(token, expiry.minus(RENEW_BEFORE_EXPIRY));
    }

    private void launch(int port) {
        Path repository = repositoryRoot();
        String version = System.getProperty("aic.services.version", "0.1.0-SNAPSHOT");
        Path jar =
                repository
                        .resolve("dev-identity")
                        .resolve("target")
                        .resolve("dev-identity-" + version + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "No " + jar + ": build dev-identity first (mvn -pl dev-identity package)");
        }
        Path log = Path.of("target", "dev-identity.log").toAbsolutePath();
        Process process;
        try {
            Files.createDirectories(log.getParent());
            var builder =
                    new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-Xmx128m",
                                    "-XX:TieredStopAtLevel=1",
                                    "-jar",
                                    jar.toString(),
                                    "--server.port=" + port)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // the issuer must follow the port chosen here, whatever the developer's shell exports
            builder.environment().remove("AIC_DEV_IDENTITY_ISSUER");
            builder.environment().remove("AIC_DEV_IDENTITY_PORT");
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot start the development identity provider " + jar, e);
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> stop(process), "dev-identity-shutdown"));
        try {
            awaitDiscovery(process, log);
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    /**
     * Polls the discovery document until it answers with this issuer, or fails after a bounded
     * wait.
     */
    private void awaitDiscovery(Process process, Path log) {
        var discovery =
                HttpRequest.newBuilder(URI.create(issuerUri + "/.well-known/openid-configuration"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
        String where = log == null ? issuerUri : issuerUri + " (log: " + log + ")";
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() - deadline < 0) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(
                        "The identity provider exited with "
                                + process.exitValue()
                                + " before it was ready; "
                                + where);
            }
            try {
                HttpResponse<String> response =
                        http.send(discovery, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    String issuer = field(response.body(), "issuer");
                    if (!issuerUri.equals(issuer)) {
                        throw new IllegalStateException(
                                "Discovery at "
                                        + issuerUri
                                        + " names the issuer "
                                        + issuer
                                        + ": resource servers would refuse its tokens");
                    }
                    tokenEndpoint = URI.create(field(response.body(), "token_endpoint"));
                    return;
                }
                lastProblem = "HTTP " + response.statusCode();
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "Interrupted while waiting for the identity provider", e);
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
        throw new IllegalStateException(
                "The identity provider was not ready within "
                        + START_DEADLINE.toSeconds()
                        + " s ("
                        + lastProblem
                        + "); "
                        + where);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot reach the identity provider at " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the identity provider", e);
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The nearest directory upwards from the working directory that holds the {@code dev-identity}
     * module.
     */
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("dev-identity"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "No dev-identity module above "
                        + start
                        + ": build dev-identity first (mvn -pl dev-identity package)");
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for the identity provider", e);
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /**
     * A top-level string field of a small JSON document; enough for discovery and token responses.
     */
    private static String field(String json, String name) {
        Matcher matcher =
                Pattern.compile(
                                "\""
                                        + Pattern.quote(name)
                                        + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                        .matcher(json);
        return matcher.find() ? matcher.group(1).replace("\\/", "/") : null;
    }

    /**
     * RFC 6749 §2.3.1: client id and secret are form-encoded before they go into the Basic header.
     */
    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Token(String value, Instant renewAt) {}
}
