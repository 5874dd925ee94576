package dev.aic.queryside.knowledge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.client.RestClient;

/** HTTP clients of other services' JSON APIs. */
final class Json {

    private Json() {}

    /**
     * A client with its own converter: the application's converters read requests strictly, while a
     * service we call may add fields to its answers without breaking us.
     */
    static RestClient client(
            ObjectMapper objectMapper,
            String baseUrl,
            Duration connectTimeout,
            Duration readTimeout) {
        var requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(connectTimeout);
        requests.setReadTimeout(readTimeout);
        var lenient =
                objectMapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(requests)
                .messageConverters(
                        converters -> {
                            converters.clear();
                            converters.add(new MappingJackson2HttpMessageConverter(lenient));
                        })
                .build();
    }
}
