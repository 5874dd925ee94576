package dev.aic.queryside.insights;

import dev.aic.web.ratelimit.RateLimitFilter;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The analysts' insights page (docs/analytics.md): static files under {@code /insights/} and the
 * chart library under {@code /webjars/echarts/}, open to anyone, because they hold no data: the
 * page signs its user in and reads the analytics API with their token, and the API decides who sees
 * what. The page's own filter chain sends a Content-Security-Policy that lets it run only its own
 * files and talk only to this service and the identity provider.
 */
@Configuration(proxyBeanMethods = false)
class InsightsPage implements WebMvcConfigurer {

    static final String[] PATHS = {"/insights", "/insights/**", "/webjars/echarts/**"};

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/insights", "/insights/");
        registry.addViewController("/insights/").setViewName("forward:/insights/index.html");
    }

    /** Before the API's chain, which wants a token on every request. */
    @Bean
    @Order(0)
    SecurityFilterChain insightsPageChain(
            HttpSecurity http,
            RateLimitFilter rateLimits,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer)
            throws Exception {
        http.securityMatcher(PATHS)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(
                        session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(
                        requests ->
                                requests.requestMatchers(HttpMethod.GET, PATHS)
                                        .permitAll()
                                        .anyRequest()
                                        .denyAll())
                .headers(
                        headers ->
                                headers.contentSecurityPolicy(
                                        csp -> csp.policyDirectives(contentSecurityPolicy(issuer))))
                // anonymous callers share their address's budget, as on the API
                .addFilterAfter(rateLimits, AnonymousAuthenticationFilter.class);
        return http.build();
    }

    /**
     * Scripts and styles from this service only (the charts draw tooltips on their canvas rather
     * than as HTML, so no inline style is needed); requests to this service and to the provider's
     * discovery and token endpoints.
     */
    static String contentSecurityPolicy(String issuer) {
        URI provider = URI.create(issuer);
        String providerOrigin = provider.getScheme() + "://" + provider.getRawAuthority();
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                + " connect-src 'self' "
                + providerOrigin
                + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }
}
