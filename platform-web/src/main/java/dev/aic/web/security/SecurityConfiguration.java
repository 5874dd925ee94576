package dev.aic.web.security;

import dev.aic.web.http.BodySizeLimitFilter;
import dev.aic.web.problem.ProblemWriter;
import dev.aic.web.ratelimit.RateLimitFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Both services are OAuth2 resource servers: every request needs a JWT from the configured issuer
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, audience {@code
 * ...jwt.audiences}), except health probes, the API documents and e-mail unsubscribe links. Which
 * role may call which endpoint is declared on the endpoint itself with {@code @PreAuthorize}, and
 * an architecture test makes sure none is missing.
 */
@AutoConfiguration(
        before = {SecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@EnableMethodSecurity
public class SecurityConfiguration {

    static final String[] ANONYMOUS = {
        "/error",
        "/actuator/health",
        "/actuator/health/**",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/v3/api-docs.yaml",
        "/swagger-ui.html",
        "/swagger-ui/**",
        // the unsubscribe link of a notification e-mail: its unguessable token is the authority
        // (RFC 8058)
        "/api/email/unsubscribe/*"
    };

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            CallerDirectory directory,
            SecurityProperties properties,
            ProblemWriter problems,
            RateLimitFilter rateLimits,
            BodySizeLimitFilter bodyLimit,
            ApplicationContext context)
            throws Exception {
        var handlers = new ProblemSecurityHandlers(problems);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(
                        session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(
                        requests ->
                                requests.requestMatchers(ANONYMOUS)
                                        .permitAll()
                                        .requestMatchers(
                                                request -> onManagementPort(request, context))
                                        .permitAll()
                                        .anyRequest()
                                        .authenticated())
                .oauth2ResourceServer(
                        server ->
                                server.jwt(
                                                jwt ->
                                                        jwt.jwtAuthenticationConverter(
                                                                new CallerResolver(
                                                                        new TokenRoles(properties),
                                                                        directory)))
                                        .authenticationEntryPoint(handlers)
                                        .accessDeniedHandler(handlers))
                .exceptionHandling(
                        exceptions ->
                                exceptions
                                        .authenticationEntryPoint(handlers)
                                        .accessDeniedHandler(handlers))
                .addFilterBefore(bodyLimit, HeaderWriterFilter.class)
                .addFilterAfter(rateLimits, BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * No Micrometer observation around each security filter, authentication and authorisation: the
     * HTTP server's observation already times and traces every request, and these wrapped all of
     * the chain's filters on every request (a fifth of the command-side's request CPU under load,
     * docs/benchmarks.md). A refused request still shows in the HTTP metrics by its status.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Added by Spring Boot to the issuer and audience checks of the JWT decoder it configures. */
    @Bean
    OAuth2TokenValidator<Jwt> accessTokensOnly() {
        return new AccessTokensOnly();
    }

    /**
     * The JWT decoder Spring Boot builds from the issuer (or any other), behind {@link
     * VerifiedTokens}.
     */
    @Bean
    static BeanPostProcessor rememberVerifiedTokens() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens)
                        ? new VerifiedTokens(decoder)
                        : bean;
            }
        };
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return new ProblemRequestRejectedHandler(problems);
    }

    /**
     * With {@code management.server.port} set (AIC_MANAGEMENT_PORT, as in Kubernetes), metrics and
     * probes are served on a port of their own that only the cluster reaches (see the network
     * policies); the API port then serves no actuator endpoint at all. Without it,
     * /actuator/prometheus needs a token.
     */
    private static boolean onManagementPort(
            HttpServletRequest request, ApplicationContext context) {
        return context instanceof WebServerApplicationContext server
                && server.getWebServer() != null
                && request.getLocalPort() != server.getWebServer().getPort();
    }
}
