package dev.aic.aiworker.extraction;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The text extractor, with the configured limits, each document in a process of its own. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExtractionProperties.class)
class ExtractionConfiguration {

    @Bean
    DocumentExtractor documentExtractor(ExtractionProperties properties) {
        return new IsolatedTextExtractor(properties.limits(), properties.settings());
    }
}
