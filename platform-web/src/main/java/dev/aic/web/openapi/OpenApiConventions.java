package dev.aic.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * Completes each service's OpenAPI document so a generated client needs no hand edits: the bearer
 * and OpenID Connect security schemes, the {@code Problem} schema and every problem response.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConventions {

    private static final String PROBLEM = "Problem";
    private static final String BEARER = "bearer-jwt";
    private static final int[] EVERY_ENDPOINT = {400, 401, 403, 429, 500};

    @Bean
    OpenApiCustomizer securityAndProblems(
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer) {
        return api -> {
            Components components = api.getComponents() == null ? new Components() : api.getComponents();
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT")
                    .description("An access token from the platform's OpenID Connect provider"));
            if (!issuer.isBlank()) {
                components.addSecuritySchemes("oidc", new SecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)
                        .openIdConnectUrl(issuer.replaceAll("/$", "") + "/.well-known/openid-configuration"));
            }
            components.addSchemas(PROBLEM, problemSchema());
            components.addSchemas("FieldError", new ObjectSchema()
                    .addProperty("field", new StringSchema()).addProperty("message", new StringSchema()));
            api.components(components);
            api.addSecurityItem(new SecurityRequirement().addList(BEARER));
        };
    }

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            ProblemResponses declared = handler.getMethodAnnotation(ProblemResponses.class);
            int[] specific = declared == null ? new int[0] : declared.value();
            IntStream.concat(IntStream.of(EVERY_ENDPOINT), IntStream.of(specific)).sorted().distinct()
                    .forEach(status -> addProblem(operation, status));
            return operation;
        };
    }

    private static void addProblem(Operation operation, int status) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        String code = Integer.toString(status);
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse()
                    .description(HttpStatus.valueOf(status).getReasonPhrase())
                    .content(new Content().addMediaType("application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
        operation.setResponses(responses);
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Map<String, Schema> properties = new TreeMap<>();
        properties.put("type", new StringSchema().format("uri").example("urn:aic:problem:validation"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema());
        properties.put("instance", new StringSchema().format("uri"));
        properties.put("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError")));
        return new ObjectSchema().properties(properties)
                .description("RFC 9457 problem details; clients switch on type");
    }
}
