package dev.aic.queryside.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenSearchConfiguration {

    @Bean
    OpenSearchClient openSearchClient(OpenSearchProperties properties, ObjectMapper objectMapper) {
        var url = properties.url();
        var host = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
        // Spring's mapper writes Instants as ISO-8601 strings, which OpenSearch's date fields parse
        var transport = ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper(objectMapper))
                .setHttpClientConfigCallback(client -> properties.signsIn()
                        ? client.setDefaultCredentialsProvider(credentials(host, properties)) : client)
                .build();
        return new OpenSearchClient(transport);
    }

    private static BasicCredentialsProvider credentials(HttpHost host, OpenSearchProperties properties) {
        var provider = new BasicCredentialsProvider();
        provider.setCredentials(new AuthScope(host),
                new UsernamePasswordCredentials(properties.user(), properties.password().toCharArray()));
        return provider;
    }
}
