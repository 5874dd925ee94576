package dev.aic.queryside.consistency;

import dev.aic.web.http.ApiHeaders;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ConsistencyConfiguration implements WebMvcConfigurer {

    private final ReadModelInterceptor interceptor;

    ConsistencyConfiguration(ReadModelInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns("/api/**");
    }

    /**
     * Every endpoint with a {@link ReadModel} documents the optional {@code Consistency-Token}
     * header and its {@code 202} answer, so generated clients can send the one and handle the
     * other.
     */
    @Bean
    OperationCustomizer consistencyTokenHeader() {
        return (operation, handler) -> {
            if (AnnotatedElementUtils.findMergedRepeatableAnnotations(
                            handler.getMethod(), ReadModel.class)
                    .isEmpty()) {
                return operation;
            }
            operation.addParametersItem(
                    new HeaderParameter()
                            .name(ApiHeaders.CONSISTENCY_TOKEN)
                            .required(false)
                            .description(
                                    "Read your writes: the Consistency-Token a command answered with. The query waits"
                                            + " (bounded) until the read models it answers from include that write.")
                            .schema(new StringSchema().pattern("^[0-9]{1,19}$").example("1234")));
            ApiResponses responses =
                    operation.getResponses() == null
                            ? new ApiResponses()
                            : operation.getResponses();
            responses.addApiResponse(
                    "202",
                    new ApiResponse()
                            .description(
                                    "Not yet consistent: the read models have not reached the Consistency-Token within"
                                            + " the bound; retry after Retry-After seconds with the same token")
                            .addHeaderObject(
                                    HttpHeaders.RETRY_AFTER,
                                    new Header().schema(new IntegerSchema().example(1)))
                            .content(
                                    new Content()
                                            .addMediaType(
                                                    "application/problem+json",
                                                    new MediaType()
                                                            .schema(
                                                                    new Schema<>()
                                                                            .$ref(
                                                                                    "#/components/schemas/Problem")))));
            operation.setResponses(responses);
            return operation;
        };
    }
}
