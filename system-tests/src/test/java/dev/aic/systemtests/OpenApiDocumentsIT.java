package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Approval test of the API contracts: the OpenAPI document each service serves must equal the
 * approved copy in {@code src/test/openapi/}, which is what the build generates the Java clients
 * from (see the openapi-generator executions in this module's pom and {@link GeneratedClientIT}). A
 * change to an endpoint therefore shows up as a reviewed diff of the document and a client that
 * still compiles.
 */
class OpenApiDocumentsIT {

    /** Stands for the development identity provider, whose port changes from run to run. */
    static final String ISSUER_PLACEHOLDER = "https://oidc-issuer.invalid";

    private static final Path APPROVED = Path.of("src", "test", "openapi");
    private static final Path RECEIVED = Path.of("target", "openapi");

    private final Platform platform = Platform.shared();

    @ParameterizedTest(name = "{0} serves the approved OpenAPI document")
    @ValueSource(strings = {"command-side", "query-side"})
    void servesTheApprovedDocument(String service) throws IOException {
        ServiceProcess process =
                service.equals("command-side") ? platform.commandSide() : platform.querySide();
        Http.Reply served = Http.to(process.url("/v3/api-docs")).get();
        assertThat(served.status()).as(served.toString()).isEqualTo(200);

        String received = normalise(served.body(), platform.identity().issuerUri());
        Path approvedFile = APPROVED.resolve(service + ".json");
        String approved = Files.isRegularFile(approvedFile) ? Files.readString(approvedFile) : "";
        if (!received.equals(approved)) {
            Files.createDirectories(RECEIVED);
            Path receivedFile = RECEIVED.resolve(service + ".json");
            Files.writeString(receivedFile, received);
            throw new AssertionError(
                    """
                    The OpenAPI document served by %1$s differs from the approved one.
                      approved: system-tests/%2$s
                      received: system-tests/%3$s
                    If the API change is intended, approve it and rebuild the generated clients:
                      cp system-tests/%3$s system-tests/%2$s && git diff system-tests/%2$s
                    then review the diff and commit it with the change. Otherwise the service changed its API
                    by accident."""
                            .formatted(service, approvedFile, receivedFile));
        }
    }

    /**
     * Pretty-printed with sorted keys, without {@code servers} (they name the port of this run),
     * and with the development issuer replaced by a placeholder, so the approved file is the same
     * on every machine.
     */
    static String normalise(String document, String issuer) throws JsonProcessingException {
        JsonNode tree = Http.JSON.readTree(document);
        if (tree instanceof ObjectNode root) {
            root.remove("servers");
        }
        JsonNode normal = sorted(tree, issuer.replaceAll("/$", ""));
        return Http.JSON
                        .copy()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(normal)
                + "\n";
    }

    private static JsonNode sorted(JsonNode node, String issuer) {
        if (node.isObject()) {
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream()
                    .sorted()
                    .forEach(name -> result.set(name, sorted(node.get(name), issuer)));
            return result;
        }
        if (node.isArray()) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> result.add(sorted(element, issuer)));
            return result;
        }
        if (node.isTextual() && node.asText().contains(issuer)) {
            return TextNode.valueOf(node.asText().replace(issuer, ISSUER_PLACEHOLDER));
        }
        return node;
    }
}
