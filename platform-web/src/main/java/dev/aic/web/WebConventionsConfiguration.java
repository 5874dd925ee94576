package dev.aic.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.web.http.BodySizeLimitFilter;
import dev.aic.web.http.ClosingConnectionsFilter;
import dev.aic.web.http.ProblemErrorReportValve;
import dev.aic.web.http.RequestIdFilter;
import dev.aic.web.json.StrictJson;
import dev.aic.web.openapi.OpenApiConventions;
import dev.aic.web.problem.ApiProblemHandler;
import dev.aic.web.problem.ProblemErrorController;
import dev.aic.web.problem.ProblemWriter;
import dev.aic.web.ratelimit.RateLimitFilter;
import dev.aic.web.ratelimit.RateLimitProperties;
import dev.aic.web.security.SecurityProperties;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * The API conventions of docs/api.md, for any service that has this module on its classpath. Runs
 * before Spring MVC's auto-configuration so Boot's own problem handler backs off for ours.
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@EnableConfigurationProperties({
    SecurityProperties.class,
    RateLimitProperties.class,
    WebProperties.class
})
@Import({ApiProblemHandler.class, ProblemErrorController.class, OpenApiConventions.class})
public class WebConventionsConfiguration {

    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }

    @Bean
    ProblemWriter problemWriter(ObjectMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    RateLimitFilter rateLimitFilter(RateLimitProperties limits, ProblemWriter problems) {
        return new RateLimitFilter(limits, problems);
    }

    @Bean
    BodySizeLimitFilter bodySizeLimitFilter(
            WebProperties properties,
            ObjectProvider<BodySizeLimitFilter.LargerLimit> largerLimits,
            ProblemWriter problems) {
        return new BodySizeLimitFilter(
                properties.maxBodySize().toBytes(),
                largerLimits.orderedStream().toList(),
                problems);
    }

    /**
     * First of all filters, so that even a refused request's problem and log lines carry its id.
     */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Wraps every other filter, so that it sees each response before it is committed. */
    @Bean
    ClosingConnectionsFilter closingConnectionsFilter() {
        return new ClosingConnectionsFilter();
    }

    @Bean
    FilterRegistrationBean<ClosingConnectionsFilter> closingConnectionsFilterRegistration(
            ClosingConnectionsFilter filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory ->
                factory.addContextCustomizers(
                        context ->
                                ((StandardHost) context.getParent())
                                        .setErrorReportValveClass(
                                                ProblemErrorReportValve.class.getName()));
    }

    /**
     * Both filters run inside the security chain only; the servlet container must not run them
     * twice.
     */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilterOutsideChain(RateLimitFilter filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilterOutsideChain(
            BodySizeLimitFilter filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
