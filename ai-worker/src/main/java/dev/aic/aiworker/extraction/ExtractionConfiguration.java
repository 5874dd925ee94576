package dev.aic.aiworker.extraction;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The text extractor, with the configured limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExtractionProperties.class)
class ExtractionConfiguration {

    @Bean
    TextExtractor textExtractor(ExtractionProperties properties) {
        return new TextExtractor(properties.limits());
    }
}
