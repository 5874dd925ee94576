package dev.aic.commandside.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.commandside.Api;
import dev.aic.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The demo clock under the development profile (which the tests run with): a request that names its
 * time in {@code AIC-Demo-Time} stores events stamped with it, and the rules that read the clock
 * read it too, so a community event of last spring can be drafted, published and attended.
 * ManagementPortIT shows the header ignored as deployed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
@SuppressWarnings("rawtypes")
class DemoTimeIT {

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aCommunityEventOfLastSpringIsDraftedPublishedAndAttendedAtTheTimesTheRequestsNamed() {
        Api api = new Api(http);
        Instant drafted = Instant.now().minus(Duration.ofDays(200)).truncatedTo(ChronoUnit.SECONDS);
        Instant startsAt = drafted.plus(Duration.ofDays(14));
        String member = register(api, "demo-time-member", drafted.minus(Duration.ofDays(30)));
        register(api, "olivia", drafted.minus(Duration.ofDays(60)));

        ResponseEntity<Map> draft =
                api.call(
                        "olivia",
                        HttpMethod.POST,
                        "/api/events",
                        Map.of(
                                "title", "Spring meetup",
                                "startsAt", startsAt.toString(),
                                "endsAt", startsAt.plus(Duration.ofHours(2)).toString(),
                                "timeZone", "Europe/Amsterdam",
                                "venue", "Library",
                                "capacity", 10,
                                "visibility", "MEMBERS"),
                        at(drafted));
        assertThat(draft.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String event = (String) draft.getBody().get("id");
        Instant published = drafted.plus(Duration.ofDays(1));
        assertThat(
                        api.call(
                                        "olivia",
                                        HttpMethod.POST,
                                        "/api/events/" + event + "/publish",
                                        null,
                                        at(published))
                                .getStatusCode())
                .as("published before its start, as the demo clock reads it")
                .isEqualTo(HttpStatus.OK);
        Instant rsvp = startsAt.minus(Duration.ofHours(3));
        assertThat(
                        api.call(
                                        "demo-time-member",
                                        HttpMethod.POST,
                                        "/api/events/" + event + "/rsvp",
                                        null,
                                        at(rsvp))
                                .getStatusCode())
                .isIn(HttpStatus.OK, HttpStatus.CREATED);
        Instant checkedIn = startsAt.plus(Duration.ofMinutes(5));
        assertThat(
                        api.call(
                                        "olivia",
                                        HttpMethod.POST,
                                        "/api/events/" + event + "/check-ins",
                                        Map.of("userId", member),
                                        at(checkedIn))
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);

        assertThat(stamps(event)).containsExactly(drafted, published, rsvp, checkedIn);
        assertThat(
                        api.call(
                                        "olivia",
                                        HttpMethod.POST,
                                        "/api/events/" + event + "/publish",
                                        null,
                                        Map.of("AIC-Demo-Time", "next tuesday"))
                                .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private String register(Api api, String user, Instant at) {
        ResponseEntity<Map> response = api.call(user, HttpMethod.POST, "/api/me", Map.of(), at(at));
        assertThat(response.getStatusCode()).as(user).isIn(HttpStatus.CREATED, HttpStatus.CONFLICT);
        return response.getStatusCode() == HttpStatus.CREATED
                ? (String) response.getBody().get("id")
                : (String) response.getBody().get("userId");
    }

    private static Map<String, String> at(Instant instant) {
        return Map.of("AIC-Demo-Time", instant.toString());
    }

    private List<Instant> stamps(String aggregate) {
        return jdbc
                .queryForList(
                        "SELECT timestamp FROM domainevententry WHERE aggregateidentifier = ?"
                                + " ORDER BY sequencenumber",
                        String.class,
                        aggregate)
                .stream()
                .map(Instant::parse)
                .toList();
    }
}
