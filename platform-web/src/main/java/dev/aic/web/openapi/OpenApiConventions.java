package dev.aic.web.openapi;

import dev.aic.web.http.ApiHeaders;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Completes each service's OpenAPI document so a generated client needs no hand edits: the bearer
 * and OpenID Connect security schemes, the {@code Problem} schema and every problem response.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConventions {

    private static final String PROBLEM = "Problem";
    private static final String BEARER = "bearer-jwt";
    private static final int[] EVERY_ENDPOINT = {400, 401, 403, 405, 429, 500};
    private static final int[] WITH_A_BODY = {413, 415};
    private static final Map<String, String> HEADERS =
            Map.of(
                    "ETag",
                    "the version of what was read or changed; send it back as If-Match",
                    ApiHeaders.CONSISTENCY_TOKEN,
                    "event store position of the change; send it to a query to read the change",
                    "Location",
                    "where to read what was created or changed",
                    ApiHeaders.IDEMPOTENT_REPLAYED,
                    "true when this is the stored response to an earlier request with the same Idempotency-Key",
                    "RateLimit-Remaining",
                    "requests left in the caller's budget",
                    "Retry-After",
                    "seconds to wait before retrying");

    @Bean
    OpenApiCustomizer securityAndProblems(
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer,
            @Value("${spring.application.name:aic}") String application,
            ObjectProvider<BuildProperties> build) {
        return api -> {
            api.info(
                    new Info()
                            .title("AIC Platform " + application)
                            .version(
                                    build.getIfAvailable() == null
                                            ? "dev"
                                            : build.getIfAvailable().getVersion())
                            .description(
                                    "Conventions (errors, ETags, idempotency, consistency tokens, pagination, roles): docs/api.md"));
            Components components =
                    api.getComponents() == null ? new Components() : api.getComponents();
            components.addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP)
                            .scheme("bearer")
                            .bearerFormat("JWT")
                            .description(
                                    "An access token from the platform's OpenID Connect provider"));
            if (!issuer.isBlank()) {
                components.addSecuritySchemes(
                        "oidc",
                        new SecurityScheme()
                                .type(SecurityScheme.Type.OPENIDCONNECT)
                                .openIdConnectUrl(
                                        issuer.replaceAll("/$", "")
                                                + "/.well-known/openid-configuration"));
            }
            components.addSchemas(PROBLEM, problemSchema());
            components.addSchemas(
                    "FieldError",
                    new ObjectSchema()
                            .addProperty("field", new StringSchema())
                            .addProperty("message", new StringSchema()));
            api.components(components);
            // alternatives: a bearer token obtained anyhow, or signing in through the provider
            // (Swagger UI)
            api.addSecurityItem(new SecurityRequirement().addList(BEARER));
            if (!issuer.isBlank()) {
                api.addSecurityItem(new SecurityRequirement().addList("oidc"));
            }
        };
    }

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            ProblemResponses declared = handler.getMethodAnnotation(ProblemResponses.class);
            int[] specific = declared == null ? new int[0] : declared.value();
            int[] body = operation.getRequestBody() == null ? new int[0] : WITH_A_BODY;
            PreAuthorize who = handler.getMethodAnnotation(PreAuthorize.class);
            boolean anonymous = who != null && who.value().equals("permitAll()");
            if (anonymous) {
                // open to anyone (an e-mail's unsubscribe link): no token asked for, none refused
                operation.setSecurity(List.of());
            }
            IntStream.concat(
                            IntStream.concat(IntStream.of(EVERY_ENDPOINT), IntStream.of(body)),
                            IntStream.of(specific))
                    .filter(status -> !anonymous || (status != 401 && status != 403))
                    .sorted()
                    .distinct()
                    .forEach(status -> addProblem(operation, status));
            ResponseHeaders headers = handler.getMethodAnnotation(ResponseHeaders.class);
            operation
                    .getResponses()
                    .forEach(
                            (code, response) -> {
                                if (code.startsWith("2")) {
                                    addHeader(response, "RateLimit-Remaining");
                                    if (headers != null) {
                                        Stream.of(headers.value())
                                                .forEach(name -> addHeader(response, name));
                                    }
                                }
                                if (code.equals("429") || code.equals("202")) {
                                    addHeader(response, "Retry-After");
                                }
                            });
            return operation;
        };
    }

    private static void addHeader(ApiResponse response, String name) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeaderObject(
                    name, new Header().description(HEADERS.get(name)).schema(new StringSchema()));
        }
    }

    private static void addProblem(Operation operation, int status) {
        ApiResponses responses =
                operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        String code = Integer.toString(status);
        if (!responses.containsKey(code)) {
            responses.addApiResponse(
                    code,
                    new ApiResponse()
                            .description(HttpStatus.valueOf(status).getReasonPhrase())
                            .content(
                                    new Content()
                                            .addMediaType(
                                                    "application/problem+json",
                                                    new MediaType()
                                                            .schema(
                                                                    new Schema<>()
                                                                            .$ref(
                                                                                    "#/components/schemas/"
                                                                                            + PROBLEM)))));
        }
        operation.setResponses(responses);
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Map<String, Schema> properties = new TreeMap<>();
        properties.put(
                "type", new StringSchema().format("uri").example("urn:aic:problem:validation"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema());
        properties.put("instance", new StringSchema().format("uri"));
        properties.put(
                "userId",
                new StringSchema()
                        .format("uuid")
                        .description("already-registered: the caller's user"));
        properties.put(
                "currentVersion",
                new IntegerSchema()
                        .format("int64")
                        .description("stale-version: the current version"));
        properties.put(
                "consistencyToken",
                new StringSchema().description("not-yet-consistent: the position waited for"));
        properties.put(
                "errors",
                new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError")));
        return new ObjectSchema()
                .properties(properties)
                .description("RFC 9457 problem details; clients switch on type");
    }
}
