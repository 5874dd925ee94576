package dev.aic.queryside.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.testsupport.Endpoints;
import dev.aic.testsupport.Infrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * OpenSearch takes no client that does not sign in (security finding 5: any pod could read every
 * member's e-mail and private chunks), and the query-side's own user may work on its indices but
 * not change who may do what (deploy/opensearch/).
 */
@QuerySideIntegrationTest
class OpenSearchAccessIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired OpenSearchClient openSearch;
    @Autowired OpenSearchProperties properties;

    private final Endpoints infra = Infrastructure.endpoints();

    @Test
    void aClientThatDoesNotSignInIsRefusedEverything() throws Exception {
        String index = properties.alias("users");

        assertThat(status("GET", "/" + index + "/_search", null))
                .as("an anonymous search")
                .isEqualTo(401);
        assertThat(status("GET", "/_cat/indices", null))
                .as("an anonymous listing of the indices")
                .isEqualTo(401);
        assertThat(
                        status(
                                "GET",
                                "/" + index + "/_search",
                                new Endpoints.Login(
                                        infra.openSearchQuerySide().username(),
                                        "not-the-password")))
                .as("the query-side's user with a wrong password")
                .isEqualTo(401);
    }

    @Test
    void theQuerySideWorksOnItsIndicesAndCannotChangeWhoMayDoWhat() throws Exception {
        Endpoints.Login querySide = infra.openSearchQuerySide();
        String index = properties.alias("access-it-" + UUID.randomUUID());

        assertThat(status("PUT", "/" + index, querySide))
                .as("the query-side creates an index")
                .isEqualTo(200);
        assertThat(openSearch.indices().exists(request -> request.index(index)).value())
                .as("the query-side's client, signed in as configured, sees it")
                .isTrue();
        assertThat(status("DELETE", "/" + index, querySide)).as("and deletes it").isEqualTo(200);

        assertThat(status("GET", "/_plugins/_security/api/internalusers", querySide))
                .as("the query-side reads the users")
                .isEqualTo(403);
        assertThat(send("GET", "/.opendistro_security/_search", querySide).body())
                .as("the query-side's search of the security index finds nothing of it")
                .contains("\"hits\":[]");
        assertThat(status("GET", "/_plugins/_security/api/internalusers", infra.openSearchAdmin()))
                .as("the administrator reads the users")
                .isEqualTo(200);
    }

    private int status(String method, String path, Endpoints.Login login) throws Exception {
        return send(method, path, login).statusCode();
    }

    private HttpResponse<String> send(String method, String path, Endpoints.Login login)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(infra.openSearchUrl() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody());
        if (login != null) {
            String pair = login.username() + ":" + login.password();
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
