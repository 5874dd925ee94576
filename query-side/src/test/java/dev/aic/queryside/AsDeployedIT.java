package dev.aic.queryside;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aic.testsupport.RealInfrastructure;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * As deployed: without the development profile the other suites run with (production never has it).
 * The shared context runs beside it, so the database already has the event store's schema.
 */
@QuerySideIntegrationTest
class AsDeployedIT {

    @Test
    void theWellKnownDevelopmentMasterKeyIsRefusedAtStart() {
        SpringApplicationBuilder withoutMasterKey =
                new SpringApplicationBuilder(QuerySideApplication.class)
                        .initializers(new RealInfrastructure());

        // there is no production profile: naming it only replaces the tests' development profile
        assertThatThrownBy(
                        () ->
                                withoutMasterKey
                                        .run(
                                                "--server.port=0",
                                                "--spring.profiles.active=production",
                                                "--aic.analytics.pseudonym-key=" + randomKey())
                                        .close())
                .rootCause()
                .hasMessageContaining("AIC_PERSONAL_DATA_MASTER_KEY is not set");
    }

    @Test
    void theWellKnownDevelopmentPseudonymKeyIsRefusedAtStart() {
        SpringApplicationBuilder withoutPseudonymKey =
                new SpringApplicationBuilder(QuerySideApplication.class)
                        .initializers(new RealInfrastructure());

        assertThatThrownBy(
                        () ->
                                withoutPseudonymKey
                                        .run(
                                                "--server.port=0",
                                                "--spring.profiles.active=production",
                                                "--aic.personal-data.master-key=" + randomKey())
                                        .close())
                .rootCause()
                .hasMessageContaining("AIC_ANALYTICS_PSEUDONYM_KEY is not set");
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
