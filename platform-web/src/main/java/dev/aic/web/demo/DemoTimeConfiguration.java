package dev.aic.web.demo;

import dev.aic.web.problem.ProblemWriter;
import java.util.Arrays;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The demo clock, for a development machine only: with {@code aic.demo.backdating-allowed=true}
 * (set by the development profile) a request may carry {@code AIC-Demo-Time} and what it records is
 * stamped with that time. Set anywhere else, the service refuses to start, as it does for the
 * development keys: a production service never lets a client choose the time of its history.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "aic.demo.backdating-allowed", havingValue = "true")
public class DemoTimeConfiguration {

    static final String PROFILE = "development";

    DemoTimeConfiguration(Environment environment) {
        if (!Arrays.asList(environment.getActiveProfiles()).contains(PROFILE)) {
            throw new IllegalStateException(
                    "aic.demo.backdating-allowed is for the development profile only; active"
                            + " profiles: "
                            + Arrays.toString(environment.getActiveProfiles()));
        }
    }

    @Bean
    DemoTime demoTime() {
        return new DemoTime();
    }

    @Bean
    DemoTimeFilter demoTimeFilter(DemoTime time, ProblemWriter problems) {
        return new DemoTimeFilter(time, problems);
    }
}
