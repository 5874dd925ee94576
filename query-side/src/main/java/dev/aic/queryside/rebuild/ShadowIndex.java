package dev.aic.queryside.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Time;
import org.opensearch.client.opensearch.generic.Requests;

/**
 * A new generation of an OpenSearch index ({@code users-v2-r1733212345}) with the live one's
 * settings and mappings, filled by the rebuild processor while the alias still points at the live
 * generation.
 */
final class ShadowIndex {

    /** Settings OpenSearch sets itself and refuses at creation. */
    private static final Set<String> GENERATED_SETTINGS =
            Set.of("uuid", "creation_date", "provided_name", "version");

    private static final int PAGE = 1000;
    private static final String REFRESH_INTERVAL = "refresh_interval";
    private static final String REPLICAS = "number_of_replicas";

    private final OpenSearchClient client;
    private final ObjectMapper json;
    private final String alias;

    ShadowIndex(OpenSearchClient client, ObjectMapper json, String alias) {
        this.client = client;
        this.json = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.alias = alias;
    }

    String alias() {
        return alias;
    }

    /** The physical index the alias points at now. */
    String live() {
        try {
            Set<String> indices = client.indices().getAlias(a -> a.name(alias)).result().keySet();
            if (indices.size() != 1) {
                throw new IllegalStateException(
                        "Alias " + alias + " points at " + indices + ", not at one index");
            }
            return indices.iterator().next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name of the generation a rebuild started at {@code stamp} (epoch seconds) fills. */
    String nextGeneration(long stamp) {
        return live().replaceFirst("-r[0-9]+$", "") + "-r" + stamp;
    }

    /**
     * Creates {@code generation} as a copy of the live index's definition, unless it exists
     * already, but without replicas and without periodic refreshes while it fills: nobody searches
     * it before the swap, and {@link #readyToServe} sets both back.
     */
    void create(String generation) {
        try {
            if (client.indices().exists(e -> e.index(generation)).value()) {
                return;
            }
            String live = live();
            JsonNode state = get("/" + live).path(live);
            ObjectNode settings = (ObjectNode) state.path("settings").path("index");
            GENERATED_SETTINGS.forEach(settings::remove);
            settings.put(REFRESH_INTERVAL, "-1");
            settings.put(REPLICAS, "0");
            ObjectNode body = json.createObjectNode();
            body.putObject("settings").set("index", settings);
            body.set("mappings", state.get("mappings"));
            put("/" + generation, body, "create " + generation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gives {@code generation} the live index's refresh interval and replicas (OpenSearch's
     * defaults where the live index sets none), before the comparison and the swap.
     */
    void readyToServe(String generation) {
        try {
            String live = live();
            JsonNode state =
                    get("/" + live + "/_settings").path(live).path("settings").path("index");
            ObjectNode body = json.createObjectNode();
            ObjectNode index = body.putObject("index");
            index.set(REFRESH_INTERVAL, state.get(REFRESH_INTERVAL));
            index.set(REPLICAS, state.get(REPLICAS));
            put("/" + generation + "/_settings", body, "the settings of " + generation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode get(String endpoint) throws IOException {
        try (var response =
                client.generic()
                        .execute(Requests.builder().method("GET").endpoint(endpoint).build())) {
            return json.readTree(response.getBody().orElseThrow().bodyAsBytes());
        }
    }

    private void put(String endpoint, JsonNode body, String what) throws IOException {
        try (var response =
                client.generic()
                        .execute(
                                Requests.builder()
                                        .method("PUT")
                                        .endpoint(endpoint)
                                        .json(json.writeValueAsString(body))
                                        .build())) {
            if (response.getStatus() >= 300) {
                throw new IllegalStateException(
                        "OpenSearch refused "
                                + what
                                + ": "
                                + response.getBody().map(b -> b.bodyAsString()).orElse(""));
            }
        }
    }

    void delete(String generation) {
        try {
            client.indices().delete(d -> d.index(generation).ignoreUnavailable(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Points the alias from the live generation to {@code generation} in one request: searches see
     * one or the other.
     */
    void swapTo(String live, String generation) {
        try {
            client.indices()
                    .updateAliases(
                            update ->
                                    update.actions(
                                                    a ->
                                                            a.remove(
                                                                    remove ->
                                                                            remove.index(live)
                                                                                    .alias(alias)))
                                            .actions(
                                                    a ->
                                                            a.add(
                                                                    add ->
                                                                            add.index(generation)
                                                                                    .alias(
                                                                                            alias))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Document counts and an order-independent checksum of every document's id and source, live and
     * rebuilt.
     */
    Comparison.Part compare(String generation) {
        String live = live();
        Checksum before = checksum(live);
        Checksum after = checksum(generation);
        return new Comparison.Part(alias, before.count(), after.count(), before.hex(), after.hex());
    }

    private record Checksum(long count, String hex) {}

    /**
     * Scrolls through the index and adds up (mod 2^64) a SHA-256 prefix of each document's id and
     * source, its keys sorted: the same documents give the same sum in whatever order they come.
     */
    @SuppressWarnings("rawtypes")
    private Checksum checksum(String index) {
        try {
            client.indices().refresh(r -> r.index(index));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long count = 0;
            long sum = 0;
            var page =
                    client.search(
                            s -> s.index(index).size(PAGE).scroll(Time.of(t -> t.time("1m"))),
                            Map.class);
            String scrollId = page.scrollId();
            List<? extends org.opensearch.client.opensearch.core.search.Hit<Map>> hits =
                    page.hits().hits();
            while (!hits.isEmpty()) {
                for (var hit : hits) {
                    byte[] digest =
                            sha.digest(
                                    (hit.id() + "\n" + json.writeValueAsString(hit.source()))
                                            .getBytes(StandardCharsets.UTF_8));
                    long value = 0;
                    for (int i = 0; i < Long.BYTES; i++) {
                        value = (value << 8) | (digest[i] & 0xff);
                    }
                    sum += value;
                    count++;
                }
                String current = scrollId;
                var next =
                        client.scroll(
                                s -> s.scrollId(current).scroll(Time.of(t -> t.time("1m"))),
                                Map.class);
                scrollId = next.scrollId();
                hits = next.hits().hits();
            }
            String last = scrollId;
            client.clearScroll(c -> c.scrollId(last));
            return new Checksum(count, HexFormat.of().toHexDigits(sum));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
