package dev.aic.queryside.search;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where OpenSearch answers, and a prefix for every index and alias name (empty in production; tests
 * use it to keep suites apart).
 */
@ConfigurationProperties("aic.opensearch")
public record OpenSearchProperties(URI url, String indexPrefix) {

    public OpenSearchProperties {
        indexPrefix = indexPrefix == null ? "" : indexPrefix;
    }

    public String alias(String name) {
        return indexPrefix + name;
    }
}
