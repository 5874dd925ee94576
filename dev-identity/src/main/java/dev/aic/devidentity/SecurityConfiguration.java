package dev.aic.devidentity;

import java.net.URI;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Two filter chains, as Spring Authorization Server expects: its own endpoints (discovery, JWKS,
 * token, authorize) first, then a form login for the browser flow and open health probes for the
 * launchers. The RSA signing key and the issuer come from Spring Boot's authorization server
 * auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        var authorizationServer = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .cors(Customizer.withDefaults())
                // the user info endpoint accepts this provider's own access tokens
                .oauth2ResourceServer(
                        resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .exceptionHandling(
                        exceptions ->
                                exceptions.defaultAuthenticationEntryPointFor(
                                        new LoginUrlAuthenticationEntryPoint("/login"),
                                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain loginAndProbes(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(
                        requests ->
                                requests.requestMatchers(
                                                "/actuator/health/**", "/actuator/info", "/error")
                                        .permitAll()
                                        .anyRequest()
                                        .authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    /**
     * Swagger UI and the insights page post the code to the token endpoint from the services'
     * origins. A loopback origin is allowed on any port, as its redirect URI is (RFC 8252 §7.3,
     * which the authorization server follows): the system tests run the services on ports of their
     * own.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(DevIdentityProperties properties) {
        var cors = new CorsConfiguration();
        properties.swagger().redirectUris().stream()
                .map(URI::create)
                .map(SecurityConfiguration::allowedOrigin)
                .distinct()
                .forEach(cors::addAllowedOriginPattern);
        cors.addAllowedMethod(HttpMethod.GET);
        cors.addAllowedMethod(HttpMethod.POST);
        cors.addAllowedHeader("*");
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    private static String allowedOrigin(URI redirectUri) {
        String host = redirectUri.getHost();
        boolean loopback = host.equals("127.0.0.1") || host.equals("[::1]");
        return redirectUri.getScheme()
                + "://"
                + host
                + (loopback ? ":*" : redirectUri.getPort() < 0 ? "" : ":" + redirectUri.getPort());
    }

    /**
     * The login form knows the same people as the token endpoint, all with the development secret.
     */
    @Bean
    UserDetailsService directoryPeople(Directory directory, DevIdentityProperties properties) {
        return username ->
                directory
                        .find(username)
                        .map(
                                person ->
                                        User.withUsername(person.username())
                                                .password("{noop}" + properties.secret())
                                                .roles(person.roles().toArray(String[]::new))
                                                .build())
                        .orElseThrow(() -> new UsernameNotFoundException("Not in the directory"));
    }

    /**
     * Secrets are stored as {@code {noop}…} and stay so: with the default encoder, Spring Security
     * would "upgrade" the development secret to BCrypt on every token request, which is slow and
     * pointless here.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("noop", Map.of("noop", new PlainTextSecret()));
    }

    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new BrowserFlowAuthorizationService();
    }
}
