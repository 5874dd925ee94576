package dev.aic.commandside.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.commandside.Api;
import dev.aic.testsupport.RealInfrastructure;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"aic.rate-limit.capacity=5", "aic.rate-limit.refill-per-second=1"})
@ContextConfiguration(initializers = RealInfrastructure.class)
@SuppressWarnings("rawtypes")
class RateLimitIT {

    @Autowired TestRestTemplate http;
    @LocalServerPort int port;
    final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aCallerOverItsLimitIsToldWhenToRetryWhileOthersGoOn() {
        // the JDK's client: Apache HttpClient 5 (on the class path for the S3 store) would retry a
        // 429 by itself
        http.getRestTemplate().setRequestFactory(new JdkClientHttpRequestFactory());
        Api api = new Api(http);
        List<HttpStatus> statuses = new ArrayList<>();
        ResponseEntity<Map> limited = null;
        // 5 in the budget, then one more refilled per second: on a slow machine a few more get
        // through
        for (int i = 0; i < 20 && limited == null; i++) {
            ResponseEntity<Map> response =
                    api.call(
                            "wendy",
                            HttpMethod.PUT,
                            "/api/users/" + java.util.UUID.randomUUID() + "/roles",
                            Map.of("roles", List.of("MEMBER")));
            statuses.add((HttpStatus) response.getStatusCode());
            if (response.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS) {
                limited = response;
            }
        }

        assertThat(statuses)
                .startsWith(
                        HttpStatus.FORBIDDEN,
                        HttpStatus.FORBIDDEN,
                        HttpStatus.FORBIDDEN,
                        HttpStatus.FORBIDDEN,
                        HttpStatus.FORBIDDEN)
                .endsWith(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(limited.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(limited.getBody()).containsEntry("type", "urn:aic:problem:rate-limited");
        assertThat(
                        api.call(
                                        "xena",
                                        HttpMethod.PUT,
                                        "/api/users/" + java.util.UUID.randomUUID() + "/roles",
                                        Map.of("roles", List.of("MEMBER")))
                                .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void anAnonymousCallerBehindAnUntrustedHopCannotEscapeItsLimitByClaimingOtherAddresses()
            throws Exception {
        // this machine's own private address: to the service it is a hop like any pod of the
        // cluster
        String pod = "http://" + literal(privateAddressOfThisMachine()) + ":" + port;
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20 && !statuses.contains(429); i++) {
            statuses.add(anonymousCall(pod, "203.0.113." + (i + 1)).statusCode());
        }

        assertThat(statuses).as("every call claims another client address").endsWith(429);
        assertThat(anonymousCall(pod, "203.0.113.200").statusCode()).isEqualTo(429);
    }

    @Test
    void behindTheTrustedProxyEachForwardedClientHasItsOwnLimit() throws Exception {
        // the trusted proxy here is the loopback address, server.tomcat.remoteip.internal-proxies'
        // default
        String proxy = "http://127.0.0.1:" + port;
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20 && !statuses.contains(429); i++) {
            statuses.add(anonymousCall(proxy, "198.51.100.1").statusCode());
        }

        assertThat(statuses).as("one client behind the proxy").endsWith(429);
        HttpResponse<String> another = anonymousCall(proxy, "198.51.100.2");
        assertThat(another.statusCode()).isNotEqualTo(429);
        assertThat(another.headers().firstValue("RateLimit-Remaining")).hasValue("4");
    }

    private HttpResponse<String> anonymousCall(String base, String forwardedFor)
            throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/email/unsubscribe/not-a-token"))
                        .header("X-Forwarded-For", forwardedFor)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * An IPv4 private address if the machine has one, else an IPv6 unique local one: what a pod
     * would have.
     */
    private static InetAddress privateAddressOfThisMachine() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(RateLimitIT::up)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(
                        address ->
                                address.isSiteLocalAddress()
                                        || (address.getAddress().length == 16
                                                && (address.getAddress()[0] & 0xfe) == 0xfc))
                .min(Comparator.comparing(address -> address instanceof Inet4Address ? 0 : 1))
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "this machine has no private address to call from"));
    }

    private static boolean up(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private static String literal(InetAddress address) {
        String host = address.getHostAddress().replaceFirst("%.*", "");
        return address instanceof Inet4Address ? host : "[" + host + "]";
    }
}
