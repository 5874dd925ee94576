package dev.aic.commandside;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ContextConfiguration;

/** As deployed on Kubernetes: metrics and probes on a port of their own, none of them on the API port. */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@ContextConfiguration(initializers = RealInfrastructure.class)
class ManagementPortIT {

    @Autowired
    TestRestTemplate http;
    @LocalManagementPort
    int managementPort;

    @Test
    void metricsAndProbesAreOnTheManagementPortOnly() {
        String management = "http://127.0.0.1:" + managementPort;
        assertThat(http.getForEntity(management + "/actuator/prometheus", String.class).getBody())
                .contains("jvm_memory_used_bytes");
        assertThat(http.getForEntity(management + "/actuator/health/readiness", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isIn(HttpStatus.UNAUTHORIZED, HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/api/users", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
