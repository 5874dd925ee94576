package dev.aic.queryside.search;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where OpenSearch answers, who the query-side signs in as (HTTP basic; without a password it does not sign in),
 * and a prefix for every index and alias name (empty in production; tests use it to keep suites apart).
 */
@ConfigurationProperties("aic.opensearch")
public record OpenSearchProperties(URI url, String user, String password, String indexPrefix) {

    public OpenSearchProperties {
        indexPrefix = indexPrefix == null ? "" : indexPrefix;
    }

    boolean signsIn() {
        return password != null && !password.isEmpty();
    }

    @Override
    public String toString() {
        return "OpenSearchProperties[url=" + url + ", user=" + user + ", password=***, indexPrefix=" + indexPrefix
                + "]";
    }

    public String alias(String name) {
        return indexPrefix + name;
    }
}
