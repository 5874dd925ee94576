package dev.aic.web.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Gives every event processor of a service with Axon and Micrometer Tracing the {@link
 * EventHandlingSpans} interceptor, whatever processors it declares now or later.
 */
@AutoConfiguration
@ConditionalOnClass({ConfigurerModule.class, Tracer.class})
public class EventTracingConfiguration {

    @Bean
    ConfigurerModule eventHandlingSpans(
            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return configurer ->
                configurer
                        .eventProcessing()
                        .registerDefaultHandlerInterceptor(
                                (config, processor) ->
                                        new EventHandlingSpans(
                                                tracer.getIfAvailable(() -> Tracer.NOOP),
                                                propagator.getIfAvailable(() -> Propagator.NOOP),
                                                processor));
    }
}
