package dev.aic.queryside.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.communityevent.Visibility;
import dev.aic.contracts.document.DocumentEvent;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.ProcessingFailureReason;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.personaldata.SubjectKeys;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import dev.aic.queryside.search.OpenSearchProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The OpenSearch Dashboards saved objects of {@code deploy/dashboards/}, proved against the real
 * OpenSearch (Dashboards itself cannot run here) over indices the projections filled: every
 * visualisation reads one of the analytics aliases, every field it names is in that index's mapping
 * with a type it can aggregate, and the aggregation it describes, run as the query Dashboards would
 * send, returns buckets; every dashboard shows visualisations that exist.
 */
@QuerySideIntegrationTest
class SavedObjectsIT {

    private static final Path SAVED_OBJECTS = Path.of("..", "deploy", "dashboards");
    private static final Set<String> ANALYTICS_ALIASES =
            Set.of(
                    MemberFactsIndex.NAME,
                    CommunityEventFactsIndex.NAME,
                    RsvpFactIndex.NAME,
                    DocumentFactsIndex.NAME,
                    SearchFactIndex.NAME);
    private static final Set<String> AGGREGATABLE =
            Set.of(
                    "keyword",
                    "date",
                    "boolean",
                    "integer",
                    "long",
                    "short",
                    "byte",
                    "double",
                    "float",
                    "half_float",
                    "scaled_float",
                    "ip");
    private static final Set<String> BUCKETS = Set.of("date_histogram", "terms", "histogram");
    private static final EmbeddingModel MINILM =
            new EmbeddingModel("all-minilm-l6-v2", "a".repeat(64), 384);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired SubjectKeys keys;
    @Autowired OpenSearchClient openSearch;
    @Autowired OpenSearchProperties openSearchProperties;
    @Autowired SearchFactIndex searchFacts;

    @Test
    void everyVisualisationReadsAnAnalyticsIndexByItsMappedFieldsAndItsAggregationReturnsBuckets()
            throws IOException {
        givenAYearOfActivity();

        List<JsonNode> objects = savedObjects();
        Map<String, String> patterns = new HashMap<>();
        Map<String, JsonNode> visualisations = new LinkedHashMap<>();
        for (JsonNode object : objects) {
            switch (object.path("type").asText()) {
                case "index-pattern" ->
                        patterns.put(
                                object.path("id").asText(),
                                object.path("attributes").path("title").asText());
                case "visualization" -> visualisations.put(object.path("id").asText(), object);
                case "dashboard" -> {}
                default -> throw new AssertionError("unexpected saved object " + object);
            }
        }
        assertThat(patterns.values())
                .as("index patterns")
                .containsExactlyInAnyOrderElementsOf(ANALYTICS_ALIASES);
        for (String title : patterns.values()) {
            assertThat(mappedTypes(title)).as(title).containsEntry("@timestamp", "date");
        }
        assertThat(visualisations).hasSizeGreaterThanOrEqualTo(15);

        for (JsonNode visualisation : visualisations.values()) {
            String title = visualisation.path("attributes").path("title").asText();
            String pattern =
                    patterns.get(
                            reference(
                                    visualisation, "kibanaSavedObjectMeta.searchSourceJSON.index"));
            assertThat(pattern).as("%s: its index pattern", title).isIn(ANALYTICS_ALIASES);
            JsonNode visState =
                    JSON.readTree(visualisation.path("attributes").path("visState").asText());
            JsonNode searchSource =
                    JSON.readTree(
                            visualisation
                                    .path("attributes")
                                    .path("kibanaSavedObjectMeta")
                                    .path("searchSourceJSON")
                                    .asText());
            Map<String, String> mapping = mappedTypes(pattern);
            for (JsonNode agg : visState.path("aggs")) {
                if (agg.path("params").has("field")) {
                    String field = agg.path("params").path("field").asText();
                    assertThat(mapping)
                            .as("%s: field %s of %s", title, field, pattern)
                            .containsKey(field);
                    assertThat(mapping.get(field))
                            .as("%s: type of %s", title, field)
                            .isIn(AGGREGATABLE);
                }
            }

            JsonNode answer = search(pattern, request(visState, searchSource));
            assertThat(answer.path("hits").path("total").path("value").asLong())
                    .as("%s: documents", title)
                    .isPositive();
            JsonNode aggregations = answer.path("aggregations");
            String first = firstBucketAgg(visState);
            if (first != null) {
                assertThat(aggregations.path(first).path("buckets"))
                        .as("%s: buckets", title)
                        .isNotEmpty();
            } else {
                for (JsonNode agg : visState.path("aggs")) {
                    if (!"count".equals(agg.path("type").asText())) {
                        assertThat(
                                        aggregations
                                                .path(agg.path("id").asText())
                                                .path("value")
                                                .isNumber())
                                .as("%s: %s", title, agg)
                                .isTrue();
                    }
                }
            }
            System.out.printf(
                    "[saved objects] %s: %s%n",
                    title,
                    first == null
                            ? aggregations
                            : aggregations.path(first).path("buckets").size() + " buckets");
        }

        for (JsonNode dashboard :
                objects.stream()
                        .filter(o -> "dashboard".equals(o.path("type").asText()))
                        .toList()) {
            JsonNode panels =
                    JSON.readTree(dashboard.path("attributes").path("panelsJSON").asText());
            assertThat(panels).as(dashboard.path("id").asText()).isNotEmpty();
            for (JsonNode panel : panels) {
                assertThat(visualisations)
                        .containsKey(reference(dashboard, panel.path("panelRefName").asText()));
            }
        }
    }

    /**
     * Members over a year, community events with RSVPs and check-ins, documents processed and
     * failed, searches.
     */
    private void givenAYearOfActivity() {
        AnalyticsHistory history = new AnalyticsHistory(eventStore, jdbc, processing, keys);
        UserEvents users = history.users();
        Instant yearAgo = Instant.now().minus(Duration.ofDays(360));
        List<UserId> members =
                IntStream.range(0, 12)
                        .mapToObj(
                                month ->
                                        users.register(
                                                "Member " + month,
                                                yearAgo.plus(Duration.ofDays(30L * month))))
                        .toList();
        members.forEach(
                member ->
                        users.publish(
                                new UserEvent.ProfileUpdated(
                                        member, "Member", null, List.of("ml", "graphs"), null)));
        users.publish(
                new UserEvent.RolesChanged(members.get(0), List.of(Role.MEMBER, Role.ORGANIZER)));
        for (int week = 0; week < 3; week++) {
            CommunityEventId event = new CommunityEventId(UUID.randomUUID());
            Instant drafted = Instant.now().minus(Duration.ofDays(7L * week + 1));
            Instant startsAt = drafted.plus(Duration.ofDays(10));
            history.append(
                    new CommunityEventEvent.Drafted(
                            event,
                            members.get(0),
                            new Details(
                                    "Meetup " + week,
                                    "About it",
                                    week == 0 ? null : "Hall",
                                    week == 0 ? "https://meet.example.org/m" : null,
                                    List.of("ml"),
                                    Visibility.PUBLIC),
                            new Schedule(startsAt, startsAt.plus(Duration.ofHours(2)), "UTC"),
                            3),
                    drafted);
            history.append(new CommunityEventEvent.Published(event), drafted.plusSeconds(60));
            for (int i = 1; i <= 4; i++) {
                history.append(
                        i <= 3
                                ? new CommunityEventEvent.RsvpConfirmed(event, members.get(i))
                                : new CommunityEventEvent.RsvpWaitlisted(event, members.get(i)),
                        drafted.plusSeconds(600L * i));
            }
            history.append(
                    new CommunityEventEvent.AttendeeCheckedIn(event, members.get(1)), startsAt);
        }
        Instant uploaded = Instant.now().minus(Duration.ofDays(3));
        DocumentId processed = history.upload(members.get(0), "application/pdf", 4096, uploaded);
        history.append(
                new DocumentEvent.ProcessingStarted(processed, 1, MINILM), uploaded.plusSeconds(1));
        history.append(
                new DocumentEvent.ProcessingCompleted(processed, 1, MINILM, 3),
                uploaded.plusSeconds(4));
        DocumentId failed = history.upload(members.get(1), "application/zip", 1024, uploaded);
        history.append(
                new DocumentEvent.ProcessingStarted(failed, 1, MINILM), uploaded.plusSeconds(1));
        history.append(
                new DocumentEvent.ProcessingFailed(
                        failed,
                        1,
                        MINILM,
                        ProcessingFailureReason.UNSUPPORTED_TYPE,
                        "not a document"),
                uploaded.plusSeconds(2));
        history.awaitProjected();

        List<SearchFact> facts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID search = UUID.randomUUID();
            boolean nothing = i % 3 == 0;
            String member = "member-" + i;
            facts.add(
                    new SearchFact(
                            search.toString(),
                            "search",
                            Instant.now().minus(Duration.ofDays(i)),
                            member,
                            nothing ? "quantum knitting" : "graph neural networks",
                            i % 2 == 0 ? "hybrid" : "fulltext",
                            null,
                            nothing ? 0 : 4,
                            nothing ? List.of() : List.of(processed.value().toString()),
                            20L + i,
                            i % 2 == 0 ? "all-minilm-l6-v2" : null,
                            null,
                            false,
                            null,
                            null));
            facts.add(
                    new SearchFact(
                            UUID.randomUUID().toString(),
                            "ask",
                            Instant.now().minus(Duration.ofDays(i)),
                            member,
                            "what is a graph?",
                            "hybrid",
                            null,
                            nothing ? 0 : 2,
                            List.of(),
                            900L + i,
                            "all-minilm-l6-v2",
                            i % 2 == 0 ? "extractive-test-model" : null,
                            i == 5,
                            null,
                            null));
            if (!nothing) {
                facts.add(
                        SearchFact.clicked(
                                search,
                                Instant.now().minus(Duration.ofDays(i)),
                                member,
                                processed.value(),
                                1));
            }
        }
        assertThat(searchFacts.write(facts)).as("facts refused").isZero();
    }

    private static List<JsonNode> savedObjects() throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(SAVED_OBJECTS)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        objects.add(JSON.readTree(line));
                    }
                }
            }
        }
        assertThat(objects).as("saved objects in " + SAVED_OBJECTS.toAbsolutePath()).isNotEmpty();
        return objects;
    }

    private static String reference(JsonNode object, String name) {
        for (JsonNode reference : object.path("references")) {
            if (name.equals(reference.path("name").asText())) {
                return reference.path("id").asText();
            }
        }
        throw new AssertionError(object.path("id").asText() + " has no reference " + name);
    }

    /**
     * The search Dashboards sends for a visualisation: its filters, and its aggregations nested in
     * the order of its bucket aggregations (x-axis, then split series), the metrics inside the
     * innermost.
     */
    private static ObjectNode request(JsonNode visState, JsonNode searchSource) {
        ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", true);
        ArrayNode filters = body.putObject("query").putObject("bool").putArray("filter");
        searchSource.path("filter").forEach(filter -> filters.add(filter.path("query")));
        ObjectNode level = body;
        List<JsonNode> metrics = new ArrayList<>();
        for (JsonNode agg : visState.path("aggs")) {
            String type = agg.path("type").asText();
            JsonNode params = agg.path("params");
            if (BUCKETS.contains(type)) {
                ObjectNode definition =
                        level.putObject("aggs")
                                .putObject(agg.path("id").asText())
                                .putObject(type)
                                .put("field", params.path("field").asText());
                switch (type) {
                    case "date_histogram" ->
                            definition
                                    .put(
                                            "calendar_interval",
                                            switch (params.path("interval").asText()) {
                                                case "d" -> "1d";
                                                case "w" -> "1w";
                                                case "M" -> "1M";
                                                case "y" -> "1y";
                                                default ->
                                                        throw new AssertionError(
                                                                "interval "
                                                                        + params.path("interval"));
                                            })
                                    .put("min_doc_count", params.path("min_doc_count").asInt(1));
                    case "histogram" ->
                            definition.put("interval", params.path("interval").asDouble());
                    default -> {
                        definition.put("size", params.path("size").asInt());
                        // ordered by its key or by a count: what this translation knows to send
                        String orderBy = params.path("orderBy").asText();
                        assertThat(
                                        orderBy.equals("_key")
                                                || countAggIds(visState).contains(orderBy))
                                .as("terms %s ordered by %s", params.path("field"), orderBy)
                                .isTrue();
                        definition
                                .putObject("order")
                                .put(
                                        orderBy.equals("_key") ? "_key" : "_count",
                                        params.path("order").asText());
                        if (params.path("missingBucket").asBoolean()) {
                            definition.put("missing", params.path("missingBucketLabel").asText());
                        }
                    }
                }
                level = (ObjectNode) level.path("aggs").path(agg.path("id").asText());
            } else {
                metrics.add(agg);
            }
        }
        for (JsonNode agg : metrics) {
            String type = agg.path("type").asText();
            if ("count".equals(type)) {
                continue;
            }
            ObjectNode definition =
                    (level.has("aggs") ? (ObjectNode) level.path("aggs") : level.putObject("aggs"))
                            .putObject(agg.path("id").asText())
                            .putObject(type)
                            .put("field", agg.path("params").path("field").asText());
            if ("percentiles".equals(type)) {
                definition.set("percents", agg.path("params").path("percents"));
            }
        }
        return body;
    }

    private static List<String> countAggIds(JsonNode visState) {
        List<String> ids = new ArrayList<>();
        visState.path("aggs")
                .forEach(
                        agg -> {
                            if ("count".equals(agg.path("type").asText())) {
                                ids.add(agg.path("id").asText());
                            }
                        });
        return ids;
    }

    private static String firstBucketAgg(JsonNode visState) {
        for (JsonNode agg : visState.path("aggs")) {
            if (BUCKETS.contains(agg.path("type").asText())) {
                return agg.path("id").asText();
            }
        }
        return null;
    }

    private JsonNode search(String pattern, ObjectNode body) throws IOException {
        String alias = openSearchProperties.alias(pattern);
        openSearch.indices().refresh(r -> r.index(alias));
        try (var response =
                openSearch
                        .generic()
                        .execute(
                                Requests.builder()
                                        .method("POST")
                                        .endpoint("/" + alias + "/_search")
                                        .json(JSON.writeValueAsString(body))
                                        .build())) {
            JsonNode answer = JSON.readTree(response.getBody().orElseThrow().bodyAsBytes());
            assertThat(response.getStatus())
                    .as(pattern + " " + body + " → " + answer)
                    .isEqualTo(200);
            return answer;
        }
    }

    /**
     * Every field of the index's mapping, by its path (object fields and multi-fields dotted), and
     * its type.
     */
    private Map<String, String> mappedTypes(String pattern) throws IOException {
        String alias = openSearchProperties.alias(pattern);
        try (var response =
                openSearch
                        .generic()
                        .execute(
                                Requests.builder()
                                        .method("GET")
                                        .endpoint("/" + alias + "/_mapping")
                                        .build())) {
            JsonNode indices = JSON.readTree(response.getBody().orElseThrow().bodyAsBytes());
            assertThat(indices.size()).as(alias + " is one index").isEqualTo(1);
            Map<String, String> types = new HashMap<>();
            flatten("", indices.elements().next().path("mappings").path("properties"), types);
            return types;
        }
    }

    private static void flatten(String prefix, JsonNode properties, Map<String, String> types) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix + field.getKey();
            JsonNode definition = field.getValue();
            if (definition.has("properties")) {
                flatten(path + ".", definition.path("properties"), types);
            } else {
                types.put(path, definition.path("type").asText());
                definition
                        .path("fields")
                        .fields()
                        .forEachRemaining(
                                sub ->
                                        types.put(
                                                path + "." + sub.getKey(),
                                                sub.getValue().path("type").asText()));
            }
        }
    }
}
