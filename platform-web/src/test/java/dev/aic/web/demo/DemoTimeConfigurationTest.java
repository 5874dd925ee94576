package dev.aic.web.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.web.problem.ProblemWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class DemoTimeConfigurationTest {

    private final WebApplicationContextRunner services =
            new WebApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(DemoTimeConfiguration.class))
                    .withBean(ProblemWriter.class, () -> new ProblemWriter(new ObjectMapper()));

    @Test
    void aServiceWithoutTheSettingHasNoDemoClockSoTheHeaderIsIgnored() {
        services.withPropertyValues("spring.profiles.active=development")
                .run(
                        context -> {
                            assertThat(context).hasNotFailed();
                            assertThat(context).doesNotHaveBean(DemoTime.class);
                            assertThat(context).doesNotHaveBean(DemoTimeFilter.class);
                        });
    }

    @Test
    void theSettingOutsideTheDevelopmentProfileStopsTheServiceFromStarting() {
        services.withPropertyValues("aic.demo.backdating-allowed=true")
                .run(
                        context ->
                                assertThat(context)
                                        .getFailure()
                                        .rootCause()
                                        .hasMessageContaining("development profile only"));
        services.withPropertyValues(
                        "aic.demo.backdating-allowed=true", "spring.profiles.active=production")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void underTheDevelopmentProfileARequestRunsAtTheTimeItNames() {
        services.withPropertyValues(
                        "aic.demo.backdating-allowed=true", "spring.profiles.active=development")
                .run(
                        context -> {
                            Clock clock = context.getBean(DemoTime.class).clock();
                            DemoTimeFilter filter = context.getBean(DemoTimeFilter.class);
                            Instant then = Instant.parse("2026-03-14T18:30:00Z");
                            Instant[] seen = new Instant[1];
                            var request = new MockHttpServletRequest("POST", "/api/users");
                            request.addHeader("AIC-Demo-Time", then.toString());
                            filter.doFilter(
                                    request,
                                    new MockHttpServletResponse(),
                                    (req, res) -> seen[0] = clock.instant());
                            assertThat(seen[0]).isEqualTo(then);
                            assertThat(Duration.between(clock.instant(), Instant.now()).abs())
                                    .as("after the request, the clock is the system's again")
                                    .isLessThan(Duration.ofSeconds(5));
                        });
    }

    @Test
    void aTimeInTheFutureOrNotAnInstantIsABadRequest() {
        services.withPropertyValues(
                        "aic.demo.backdating-allowed=true", "spring.profiles.active=development")
                .run(
                        context -> {
                            DemoTimeFilter filter = context.getBean(DemoTimeFilter.class);
                            for (String value :
                                    new String[] {
                                        Instant.now().plus(Duration.ofDays(1)).toString(),
                                        "yesterday"
                                    }) {
                                var request = new MockHttpServletRequest("POST", "/api/users");
                                request.addHeader("AIC-Demo-Time", value);
                                var response = new MockHttpServletResponse();
                                filter.doFilter(
                                        request,
                                        response,
                                        (req, res) -> {
                                            throw new AssertionError("reached the service");
                                        });
                                assertThat(response.getStatus()).isEqualTo(400);
                                assertThat(response.getContentType())
                                        .isEqualTo("application/problem+json");
                                assertThat(response.getContentAsString()).contains("AIC-Demo-Time");
                            }
                        });
    }
}
