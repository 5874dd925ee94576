package dev.aic.commandside.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.commandside.Api;
import dev.aic.testsupport.RealInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"aic.rate-limit.capacity=5", "aic.rate-limit.refill-per-second=1"})
@ContextConfiguration(initializers = RealInfrastructure.class)
@SuppressWarnings("rawtypes")
class RateLimitIT {

    @Autowired
    TestRestTemplate http;

    @Test
    void aCallerOverItsLimitIsToldWhenToRetryWhileOthersGoOn() {
        // the JDK's client: Apache HttpClient 5 (on the class path for the S3 store) would retry a 429 by itself
        http.getRestTemplate().setRequestFactory(new JdkClientHttpRequestFactory());
        Api api = new Api(http);
        List<HttpStatus> statuses = new ArrayList<>();
        ResponseEntity<Map> limited = null;
        // 5 in the budget, then one more refilled per second: on a slow machine a few more get through
        for (int i = 0; i < 20 && limited == null; i++) {
            ResponseEntity<Map> response = api.call("wendy", HttpMethod.PUT, "/api/users/" + java.util.UUID.randomUUID()
                    + "/roles", Map.of("roles", List.of("MEMBER")));
            statuses.add((HttpStatus) response.getStatusCode());
            if (response.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS) {
                limited = response;
            }
        }

        assertThat(statuses).startsWith(HttpStatus.FORBIDDEN, HttpStatus.FORBIDDEN, HttpStatus.FORBIDDEN,
                HttpStatus.FORBIDDEN, HttpStatus.FORBIDDEN).endsWith(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(limited.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(limited.getBody()).containsEntry("type", "urn:aic:problem:rate-limited");
        assertThat(api.call("xena", HttpMethod.PUT, "/api/users/" + java.util.UUID.randomUUID() + "/roles",
                Map.of("roles", List.of("MEMBER"))).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
