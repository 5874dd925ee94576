package dev.aic.queryside.search;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where OpenSearch answers, how the query-side signs its requests, and a prefix for every index and
 * alias name (empty in production; tests use it to keep suites apart). With an AWS region (Amazon
 * OpenSearch Service) every request is SigV4-signed with the pod's IAM role; otherwise it signs in
 * as {@code user} with HTTP basic (without a password it does not sign in). Never both.
 */
@ConfigurationProperties("aic.opensearch")
public record OpenSearchProperties(
        URI url,
        String user,
        String password,
        @DefaultValue("") String indexPrefix,
        @DefaultValue("") String awsRegion) {

    public OpenSearchProperties {
        awsRegion = awsRegion.strip();
        if (!awsRegion.isEmpty() && password != null && !password.isEmpty()) {
            throw new IllegalArgumentException(
                    "aic.opensearch.aws-region and aic.opensearch.password are both set:"
                            + " with a region the query-side signs its OpenSearch requests with its IAM role (SigV4) and"
                            + " sends no password; unset AIC_OPENSEARCH_PASSWORD or AIC_OPENSEARCH_AWS_REGION");
        }
        if (!awsRegion.isEmpty() && (url == null || !"https".equals(url.getScheme()))) {
            throw new IllegalArgumentException(
                    "aic.opensearch.url must be https:// when aic.opensearch.aws-region is"
                            + " set (Amazon OpenSearch Service answers over HTTPS only), not "
                            + url);
        }
    }

    boolean signsIn() {
        return password != null && !password.isEmpty();
    }

    boolean signsWithAws() {
        return !awsRegion.isEmpty();
    }

    @Override
    public String toString() {
        return "OpenSearchProperties[url="
                + url
                + ", user="
                + user
                + ", password=***, indexPrefix="
                + indexPrefix
                + ", awsRegion="
                + awsRegion
                + "]";
    }

    public String alias(String name) {
        return indexPrefix + name;
    }
}
