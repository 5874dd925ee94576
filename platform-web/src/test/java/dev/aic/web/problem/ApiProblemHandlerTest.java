package dev.aic.web.problem;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

class ApiProblemHandlerTest {

    private final MockMvc mvc =
            MockMvcBuilders.standaloneSetup(new Failing())
                    .setControllerAdvice(new ApiProblemHandler())
                    .setMessageConverters(
                            new MappingJackson2HttpMessageConverter(
                                    Jackson2ObjectMapperBuilder.json()
                                            .failOnUnknownProperties(true)
                                            .build()))
                    .build();

    @Test
    void aDescribedFailureIsAnsweredWithItsStatusTypeTitleDetailPropertiesAndHeaders()
            throws Exception {
        mvc.perform(get("/fail/retry"))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "7"))
                .andExpect(jsonPath("$.type").value("urn:aic:problem:too-busy"))
                .andExpect(jsonPath("$.title").value("Too busy"))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.detail").value("Everyone is asking at once"))
                .andExpect(jsonPath("$.queue").value(12))
                .andExpect(jsonPath("$.instance").value("/fail/retry"));
    }

    @Test
    void aDescribedFailureWrappedByAFrameworkIsStillItself() throws Exception {
        mvc.perform(get("/fail/wrapped"))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.type").value("urn:aic:problem:too-busy"));
    }

    @Test
    void somethingNotFoundIsOneTypeForAll() throws Exception {
        mvc.perform(get("/fail/missing"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:aic:problem:not-found"))
                .andExpect(jsonPath("$.title").value("Not found"))
                .andExpect(jsonPath("$.detail").value("No thing 42"));
    }

    @Test
    void aFieldAFeatureRefusesReadsLikeABeanValidationFailure() throws Exception {
        mvc.perform(get("/fail/field"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:aic:problem:validation"))
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.detail").value("'to' must not be before from"))
                .andExpect(jsonPath("$.errors[0].field").value("to"))
                .andExpect(jsonPath("$.errors[0].message").value("must not be before from"));
        mvc.perform(
                        post("/fail/validated")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\":\" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:aic:problem:validation"))
                .andExpect(jsonPath("$.errors[0].field").value("name"));
    }

    @Test
    void aCursorThisServiceDidNotHandOutIsAnInvalidCursor() throws Exception {
        mvc.perform(get("/fail/cursor"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:aic:problem:invalid-cursor"))
                .andExpect(jsonPath("$.title").value("Invalid cursor"))
                .andExpect(jsonPath("$.detail").value("Not one of ours"))
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
    }

    @Test
    void anUnexpectedFailureTellsNothingInternal() throws Exception {
        mvc.perform(get("/fail/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:aic:problem:internal-error"))
                .andExpect(
                        jsonPath("$.detail")
                                .value("Something went wrong on our side; it has been logged"))
                .andExpect(jsonPath("$.trace").doesNotExist())
                .andExpect(content().string(not(containsString("SELECT"))));
    }

    @Test
    void aDeniedCallIsForbidden() throws Exception {
        mvc.perform(get("/fail/denied"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:aic:problem:forbidden"));
    }

    @Test
    void aBodyWithAFieldThatMayNotBeSetNamesTheField() throws Exception {
        mvc.perform(
                        post("/fail/validated")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\":\"x\",\"admin\":true}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:aic:problem:field-not-allowed"))
                .andExpect(jsonPath("$.errors[0].field").value("admin"));
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() throws Exception {
        mvc.perform(
                        post("/fail/validated")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{name"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:aic:problem:malformed-request"))
                .andExpect(jsonPath("$.detail").value("The body is not well-formed JSON"));
    }

    @Test
    void aPathParameterOfTheWrongFormatNamesTheParameter() throws Exception {
        mvc.perform(get("/fail/number/abc"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:aic:problem:validation"))
                .andExpect(jsonPath("$.detail").value("'id' has the wrong format"));
    }

    @Test
    void anUnsupportedMethodGetsATypeFromItsStatus() throws Exception {
        mvc.perform(post("/fail/missing"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.type").value("urn:aic:problem:method-not-allowed"));
    }

    record Named(@NotBlank String name) {}

    static final class TooBusy extends RuntimeException implements TypedProblem {

        TooBusy() {
            super("Everyone is asking at once");
        }

        @Override
        public ProblemType problemType() {
            return new ProblemType(HttpStatus.TOO_MANY_REQUESTS, "too-busy", "Too busy");
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("queue", 12);
        }

        @Override
        public HttpHeaders headers() {
            return Problems.retryAfter(7);
        }
    }

    static final class ThingNotFound extends RuntimeException implements NotFoundProblem {

        ThingNotFound(int id) {
            super("No thing " + id);
        }
    }

    static final class BadRange extends RuntimeException implements InvalidFieldProblem {

        BadRange() {
            super("must not be before from");
        }

        @Override
        public String field() {
            return "to";
        }
    }

    static final class BadCursor extends RuntimeException implements InvalidCursorProblem {

        BadCursor() {
            super("Not one of ours");
        }
    }

    @RestController
    static class Failing {

        @GetMapping("/fail/retry")
        void retry() {
            throw new TooBusy();
        }

        @GetMapping("/fail/wrapped")
        void wrapped() {
            throw new IllegalStateException("the framework's wrapper", new TooBusy());
        }

        @GetMapping("/fail/missing")
        void missing() {
            throw new ThingNotFound(42);
        }

        @GetMapping("/fail/field")
        void field() {
            throw new BadRange();
        }

        @GetMapping("/fail/cursor")
        void cursor() {
            throw new BadCursor();
        }

        @GetMapping("/fail/bug")
        void bug() {
            throw new IllegalStateException("SELECT * FROM secrets failed at line 3");
        }

        @GetMapping("/fail/denied")
        void denied() {
            throw new AccessDeniedException("no");
        }

        @GetMapping("/fail/number/{id}")
        void number(@PathVariable("id") long id) {}

        @PostMapping("/fail/validated")
        void validated(@Valid @RequestBody Named named) {}
    }
}
