package dev.aic.devidentity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A development OpenID Connect provider: discovery, JWKS and a token endpoint backed by a demo
 * directory, so the services validate real JWTs from a real issuer on a developer's machine and in
 * the integration tests. It is never deployed; production trusts the organisation's identity
 * provider (Entra ID, Keycloak, …).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DevIdentityApplication {

    public static void main(String[] args) {
        SpringApplication.run(DevIdentityApplication.class, args);
    }
}
