package dev.aic.commandside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * As deployed on Kubernetes: metrics and probes on a port of their own, none of them on the API
 * port, and none of what the development profile adds (the other tests run with it; production
 * never does).
 */
@AutoConfigureObservability
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            ManagementPortIT.AS_DEPLOYED,
            "aic.personal-data.development-key-allowed=true"
        })
@ContextConfiguration(initializers = RealInfrastructure.class)
class ManagementPortIT {

    /**
     * No development profile: there is no production profile, this one only replaces the tests'
     * own.
     */
    static final String AS_DEPLOYED = "spring.profiles.active=production";

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @LocalManagementPort int managementPort;

    @Test
    void metricsAndProbesAreOnTheManagementPortOnly() {
        String management = "http://127.0.0.1:" + managementPort;
        assertThat(http.getForEntity(management + "/actuator/prometheus", String.class).getBody())
                .contains("jvm_memory_used_bytes");
        assertThat(
                        http.getForEntity(management + "/actuator/health/readiness", String.class)
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        // liveness includes the Kafka listener containers (KafkaListenersHealthIT in messaging
        // shows it failing)
        assertThat(
                        http.getForEntity(management + "/actuator/health/liveness", String.class)
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isIn(HttpStatus.UNAUTHORIZED, HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/api/users", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void neitherTheApiDocumentsNorSwaggerUiAreServed() {
        for (String path :
                List.of(
                        "/v3/api-docs",
                        "/v3/api-docs.yaml",
                        "/swagger-ui.html",
                        "/swagger-ui/index.html")) {
            assertThat(http.getForEntity(path, String.class).getStatusCode())
                    .as(path)
                    .isEqualTo(HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void theWellKnownDevelopmentMasterKeyIsRefusedAtStart() {
        SpringApplicationBuilder withoutMasterKey =
                new SpringApplicationBuilder(CommandSideApplication.class)
                        .initializers(new RealInfrastructure());

        assertThatThrownBy(
                        () -> withoutMasterKey.run("--server.port=0", "--" + AS_DEPLOYED).close())
                .rootCause()
                .hasMessageContaining("AIC_PERSONAL_DATA_MASTER_KEY is not set");
    }

    @Test
    void aRequestCannotChooseTheTimeItsEventsAreStampedWith() {
        Instant yearAgo = Instant.now().minus(Duration.ofDays(365));
        ResponseEntity<Map> registered =
                new Api(http)
                        .call(
                                "adam",
                                HttpMethod.POST,
                                "/api/users",
                                Map.of(
                                        "email",
                                        "backdated-" + UUID.randomUUID() + "@example.org",
                                        "displayName",
                                        "Backdated"),
                                Map.of("AIC-Demo-Time", yearAgo.toString()));
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Instant stamped =
                Instant.parse(
                        jdbc.queryForObject(
                                "SELECT timestamp FROM domainevententry WHERE aggregateidentifier = ?",
                                String.class,
                                registered.getBody().get("id")));
        assertThat(Duration.between(stamped, Instant.now()).abs())
                .as("stamped now, the header ignored")
                .isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void backdatingOutsideTheDevelopmentProfileIsRefusedAtStart() {
        SpringApplicationBuilder backdating =
                new SpringApplicationBuilder(CommandSideApplication.class)
                        .initializers(new RealInfrastructure());

        assertThatThrownBy(
                        () ->
                                backdating
                                        .run(
                                                "--server.port=0",
                                                "--" + AS_DEPLOYED,
                                                "--aic.personal-data.development-key-allowed=true",
                                                "--aic.demo.backdating-allowed=true")
                                        .close())
                .rootCause()
                .hasMessageContaining("development profile only");
    }
}
