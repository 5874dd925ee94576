package dev.aic.queryside.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The query-side's OpenSearch client: on AWS (a region is set) every request SigV4-signed for the
 * service {@code es} with the credentials of the SDK's default chain, which in EKS is the
 * ServiceAccount's role (IRSA); elsewhere over Apache HttpClient 5, signed in with HTTP basic when
 * a password is set.
 */
@Configuration(proxyBeanMethods = false)
class OpenSearchConfiguration {

    @Bean
    OpenSearchClient openSearchClient(OpenSearchProperties properties, ObjectMapper objectMapper) {
        // Spring's mapper writes Instants as ISO-8601 strings, which OpenSearch's date fields parse
        var mapper = new JacksonJsonpMapper(objectMapper);
        return properties.signsWithAws()
                ? awsSigned(
                        properties,
                        mapper,
                        Apache5HttpClient.create(),
                        DefaultCredentialsProvider.builder().build())
                : basic(properties, mapper);
    }

    static OpenSearchClient awsSigned(
            OpenSearchProperties properties,
            JsonpMapper mapper,
            SdkHttpClient httpClient,
            AwsCredentialsProvider credentials) {
        var url = properties.url();
        // the transport prefixes https:// itself: it takes a host, with the port only if the URL
        // names one
        var host = url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
        var options =
                AwsSdk2TransportOptions.builder()
                        .setCredentials(credentials)
                        .setMapper(mapper)
                        .build();
        return new OpenSearchClient(
                new AwsSdk2Transport(
                        httpClient, host, "es", Region.of(properties.awsRegion()), options));
    }

    static OpenSearchClient basic(OpenSearchProperties properties, JsonpMapper mapper) {
        var url = properties.url();
        var host = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
        var transport =
                ApacheHttpClient5TransportBuilder.builder(host)
                        .setMapper(mapper)
                        .setHttpClientConfigCallback(
                                client ->
                                        properties.signsIn()
                                                ? client.setDefaultCredentialsProvider(
                                                        credentials(host, properties))
                                                : client)
                        .build();
        return new OpenSearchClient(transport);
    }

    private static BasicCredentialsProvider credentials(
            HttpHost host, OpenSearchProperties properties) {
        var provider = new BasicCredentialsProvider();
        provider.setCredentials(
                new AuthScope(host),
                new UsernamePasswordCredentials(
                        properties.user(), properties.password().toCharArray()));
        return provider;
    }
}
