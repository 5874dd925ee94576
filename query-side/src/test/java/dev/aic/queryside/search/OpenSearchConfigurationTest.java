package dev.aic.queryside.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * How the query-side signs its OpenSearch requests, seen by a server standing in for OpenSearch: on
 * AWS (Amazon OpenSearch Service, fine-grained access control with IAM only) SigV4 with the role's
 * credentials, locally HTTP basic as its own user of the security plugin (deploy/opensearch/), and
 * never both.
 */
class OpenSearchConfigurationTest {

    private static final String PASSWORD = "keystore-of-this-test";
    private static final Pattern SIGV4 =
            Pattern.compile(
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/(\\d{8})"
                            + "/eu-west-1/es/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}");

    @TempDir Path temp;

    private final List<Headers> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void onAwsEveryRequestIsSigV4SignedForTheServiceEsInTheRegionWithTheRolesCredentials()
            throws Exception {
        KeyStore keys = selfSignedKeyStore();
        var https =
                HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext(keys)));
        server = https;
        answerHeadWith200();
        int port = server.getAddress().getPort();
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        var properties =
                new OpenSearchProperties(
                        URI.create("https://localhost:" + port),
                        "aic-query-side",
                        "",
                        "",
                        "eu-west-1");

        try (var httpClient =
                Apache5HttpClient.builder()
                        .tlsTrustManagersProvider(trust::getTrustManagers)
                        .build()) {
            var client =
                    OpenSearchConfiguration.awsSigned(
                            properties,
                            new JacksonJsonpMapper(),
                            httpClient,
                            StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create(
                                            "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG")));

            assertThat(client.indices().exists(request -> request.index("aic-users")).value())
                    .isTrue();
        }

        assertThat(received).hasSize(1);
        Headers headers = received.get(0);
        assertThat(headers.getFirst("Host"))
                .as("the host it signed for")
                .isEqualTo("localhost:" + port);
        String authorization = headers.getFirst("Authorization");
        var signature = SIGV4.matcher(String.valueOf(authorization));
        assertThat(signature.matches()).as("a SigV4 signature: " + authorization).isTrue();
        assertThat(signature.group(2).split(";"))
                .as("signed headers")
                .contains("host", "x-amz-date");
        String amzDate = headers.getFirst("X-Amz-Date");
        assertThat(amzDate).matches("\\d{8}T\\d{6}Z").startsWith(signature.group(1));
        var today = LocalDate.now(ZoneOffset.UTC);
        assertThat(LocalDate.parse(signature.group(1), DateTimeFormatter.BASIC_ISO_DATE))
                .as("signed now")
                .isBetween(today.minusDays(1), today);
    }

    @Test
    void elsewhereItSignsInWithHttpBasicAsItsOwnUserWhenAPasswordIsSet() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    received.add(exchange.getRequestHeaders());
                    boolean signedIn = exchange.getRequestHeaders().containsKey("Authorization");
                    if (!signedIn) {
                        exchange.getResponseHeaders()
                                .add("WWW-Authenticate", "Basic realm=\"OpenSearch Security\"");
                    }
                    exchange.sendResponseHeaders(signedIn ? 200 : 401, -1);
                    exchange.close();
                });
        server.start();
        var properties =
                new OpenSearchProperties(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                        "aic-query-side",
                        "its-password",
                        "",
                        "");

        var client = OpenSearchConfiguration.basic(properties, new JacksonJsonpMapper());

        assertThat(client.indices().exists(request -> request.index("aic-users")).value()).isTrue();
        String expected =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        "aic-query-side:its-password"
                                                .getBytes(StandardCharsets.UTF_8));
        assertThat(received)
                .last()
                .satisfies(
                        headers -> {
                            assertThat(headers.getFirst("Authorization")).isEqualTo(expected);
                            assertThat(headers.containsKey("X-Amz-Date"))
                                    .as("nothing of SigV4")
                                    .isFalse();
                        });
    }

    @Test
    void aRegionWithAPasswordStopsTheStart() {
        new ApplicationContextRunner()
                .withUserConfiguration(Properties.class)
                .withPropertyValues(
                        "aic.opensearch.url=https://search.example.invalid",
                        "aic.opensearch.password=its-password",
                        "aic.opensearch.aws-region=eu-west-1")
                .run(
                        context ->
                                assertThat(context)
                                        .hasFailed()
                                        .getFailure()
                                        .rootCause()
                                        .hasMessageContaining(
                                                "aic.opensearch.aws-region and aic.opensearch.password are both set"));
    }

    @Test
    void aRegionWantsAnHttpsUrl() {
        assertThatThrownBy(
                        () ->
                                new OpenSearchProperties(
                                        URI.create("http://search.example.invalid"),
                                        "",
                                        "",
                                        "",
                                        "eu-west-1"))
                .hasMessageContaining("must be https://");
    }

    @EnableConfigurationProperties(OpenSearchProperties.class)
    static class Properties {}

    private void answerHeadWith200() {
        server.createContext(
                "/",
                exchange -> {
                    received.add(exchange.getRequestHeaders());
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
        server.start();
    }

    /** A key pair and a certificate for localhost, made by the JDK's keytool for this test only. */
    private KeyStore selfSignedKeyStore() throws Exception {
        Path file = temp.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        var process =
                new ProcessBuilder(
                                keytool,
                                "-genkeypair",
                                "-alias",
                                "server",
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-dname",
                                "CN=localhost",
                                "-ext",
                                "SAN=dns:localhost",
                                "-validity",
                                "2",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                file.toString(),
                                "-storepass",
                                PASSWORD,
                                "-keypass",
                                PASSWORD)
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool: " + output).isZero();
        var keys = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(file.toFile())) {
            keys.load(in, PASSWORD.toCharArray());
        }
        return keys;
    }

    private static SSLContext serverContext(KeyStore keys) throws Exception {
        var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        var context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }
}
