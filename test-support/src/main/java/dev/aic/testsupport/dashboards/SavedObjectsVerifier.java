package dev.aic.testsupport.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Proves OpenSearch Dashboards saved objects against a real OpenSearch (Dashboards itself cannot
 * run on the development machines): every index pattern is one of the analytics aliases and maps
 * {@code @timestamp} as a date, every field a visualisation names is in its index's mapping with an
 * aggregatable type, the aggregation it describes, sent as the search Dashboards sends, returns
 * buckets (or metric values), and every dashboard panel is a visualisation of the file. The
 * query-side's {@code SavedObjectsIT} runs it over indices its projections filled; {@code
 * ./platform check-dashboards} runs it ({@link SavedObjectsCheck}) against the running platform's
 * OpenSearch after the demo data.
 */
public final class SavedObjectsVerifier {

    /** The aliases the index patterns must name, as deployed (no prefix). */
    public static final Set<String> ANALYTICS_ALIASES =
            Set.of(
                    "analytics-members",
                    "analytics-community-events",
                    "analytics-rsvps",
                    "analytics-documents",
                    "search-facts");

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
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The two calls the verifier makes; each answers the JSON body of a 200, else throws. */
    public interface OpenSearch {
        JsonNode get(String path) throws IOException;

        JsonNode post(String path, JsonNode body) throws IOException;
    }

    /**
     * What was checked, one line per visualisation, and what failed (empty when all held).
     *
     * @param visualisations how many visualisations were run
     */
    public record Result(int visualisations, List<String> lines, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private final OpenSearch openSearch;
    private final UnaryOperator<String> physicalAlias;

    /**
     * @param physicalAlias the alias an index pattern's title reaches in this cluster (the tests
     *     prefix theirs)
     */
    public SavedObjectsVerifier(OpenSearch openSearch, UnaryOperator<String> physicalAlias) {
        this.openSearch = openSearch;
        this.physicalAlias = physicalAlias;
    }

    /** Checks every saved object of the {@code .ndjson} files in {@code directory}. */
    public Result verify(Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<JsonNode> objects = savedObjects(directory);
        if (objects.isEmpty()) {
            failures.add("no saved objects in " + directory.toAbsolutePath());
        }
        Map<String, String> patterns = new HashMap<>();
        Map<String, JsonNode> visualisations = new LinkedHashMap<>();
        List<JsonNode> dashboards = new ArrayList<>();
        for (JsonNode object : objects) {
            switch (object.path("type").asText()) {
                case "index-pattern" ->
                        patterns.put(
                                object.path("id").asText(),
                                object.path("attributes").path("title").asText());
                case "visualization" -> visualisations.put(object.path("id").asText(), object);
                case "dashboard" -> dashboards.add(object);
                default -> failures.add("unexpected saved object " + object.path("id"));
            }
        }
        if (!Set.copyOf(patterns.values()).equals(ANALYTICS_ALIASES)) {
            failures.add("index patterns " + patterns.values() + " are not " + ANALYTICS_ALIASES);
        }
        Map<String, Map<String, String>> mappings = new HashMap<>();
        for (String title : patterns.values()) {
            Map<String, String> mapping = mappedTypes(title);
            mappings.put(title, mapping);
            if (!"date".equals(mapping.get("@timestamp"))) {
                failures.add(title + ": @timestamp is not a date but " + mapping.get("@timestamp"));
            }
        }
        for (JsonNode visualisation : visualisations.values()) {
            String title = visualisation.path("attributes").path("title").asText();
            int before = failures.size();
            String line = visualisation(visualisation, patterns, mappings, failures);
            lines.add((failures.size() == before ? "ok      " : "FAILED  ") + title + ": " + line);
        }
        for (JsonNode dashboard : dashboards) {
            JsonNode panels =
                    JSON.readTree(dashboard.path("attributes").path("panelsJSON").asText());
            String title = dashboard.path("attributes").path("title").asText();
            if (panels.isEmpty()) {
                failures.add(title + ": no panels");
            }
            for (JsonNode panel : panels) {
                String id = reference(dashboard, panel.path("panelRefName").asText());
                if (!visualisations.containsKey(id)) {
                    failures.add(title + ": panel " + id + " is no visualisation of the file");
                }
            }
            lines.add("ok      dashboard " + title + ": " + panels.size() + " panels");
        }
        return new Result(visualisations.size(), lines, failures);
    }

    /** Checks one visualisation; answers what its aggregation returned. */
    private String visualisation(
            JsonNode visualisation,
            Map<String, String> patterns,
            Map<String, Map<String, String>> mappings,
            List<String> failures)
            throws IOException {
        String title = visualisation.path("attributes").path("title").asText();
        String pattern =
                patterns.get(
                        reference(visualisation, "kibanaSavedObjectMeta.searchSourceJSON.index"));
        if (pattern == null || !ANALYTICS_ALIASES.contains(pattern)) {
            failures.add(title + ": index pattern " + pattern + " is no analytics alias");
            return "no index";
        }
        JsonNode visState =
                JSON.readTree(visualisation.path("attributes").path("visState").asText());
        JsonNode searchSource =
                JSON.readTree(
                        visualisation
                                .path("attributes")
                                .path("kibanaSavedObjectMeta")
                                .path("searchSourceJSON")
                                .asText());
        Map<String, String> mapping = mappings.get(pattern);
        for (JsonNode agg : visState.path("aggs")) {
            if (agg.path("params").has("field")) {
                String field = agg.path("params").path("field").asText();
                if (!mapping.containsKey(field)) {
                    failures.add(title + ": field " + field + " is not in " + pattern);
                } else if (!AGGREGATABLE.contains(mapping.get(field))) {
                    failures.add(
                            title + ": field " + field + " is a " + mapping.get(field) + " field");
                }
            }
        }
        ObjectNode body = request(visState, searchSource, title, failures);
        String alias = physicalAlias.apply(pattern);
        openSearch.post("/" + alias + "/_refresh", null);
        JsonNode answer = openSearch.post("/" + alias + "/_search", body);
        long documents = answer.path("hits").path("total").path("value").asLong();
        if (documents <= 0) {
            failures.add(title + ": no documents in " + pattern + " for " + body);
        }
        JsonNode aggregations = answer.path("aggregations");
        String first = firstBucketAgg(visState);
        if (first != null) {
            int buckets = aggregations.path(first).path("buckets").size();
            if (buckets == 0) {
                failures.add(title + ": no buckets for " + body);
            }
            return buckets + " buckets over " + documents + " documents of " + pattern;
        }
        for (JsonNode agg : visState.path("aggs")) {
            if (!"count".equals(agg.path("type").asText())
                    && !aggregations.path(agg.path("id").asText()).path("value").isNumber()) {
                failures.add(title + ": no value for " + agg);
            }
        }
        return aggregations + " over " + documents + " documents of " + pattern;
    }

    private static List<JsonNode> savedObjects(Path directory) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        objects.add(JSON.readTree(line));
                    }
                }
            }
        }
        return objects;
    }

    private static String reference(JsonNode object, String name) {
        for (JsonNode reference : object.path("references")) {
            if (name.equals(reference.path("name").asText())) {
                return reference.path("id").asText();
            }
        }
        return null;
    }

    /**
     * The search Dashboards sends for a visualisation: its filters, and its aggregations nested in
     * the order of its bucket aggregations (x-axis, then split series), the metrics inside the
     * innermost.
     */
    private static ObjectNode request(
            JsonNode visState, JsonNode searchSource, String title, List<String> failures) {
        ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", true);
        ArrayNode filters = body.putObject("query").putObject("bool").putArray("filter");
        searchSource.path("filter").forEach(filter -> filters.add(filter.path("query")));
        ObjectNode level = body;
        List<JsonNode> metrics = new ArrayList<>();
        for (JsonNode agg : visState.path("aggs")) {
            String type = agg.path("type").asText();
            JsonNode params = agg.path("params");
            if (!BUCKETS.contains(type)) {
                metrics.add(agg);
                continue;
            }
            ObjectNode definition =
                    level.putObject("aggs")
                            .putObject(agg.path("id").asText())
                            .putObject(type)
                            .put("field", params.path("field").asText());
            switch (type) {
                case "date_histogram" ->
                        definition
                                .put("calendar_interval", calendarInterval(params, title, failures))
                                .put("min_doc_count", params.path("min_doc_count").asInt(1));
                case "histogram" -> definition.put("interval", params.path("interval").asDouble());
                default -> {
                    definition.put("size", params.path("size").asInt());
                    // ordered by its key or by a count: what this translation knows to send
                    String orderBy = params.path("orderBy").asText();
                    if (!orderBy.equals("_key") && !countAggIds(visState).contains(orderBy)) {
                        failures.add(
                                title
                                        + ": terms "
                                        + params.path("field")
                                        + " ordered by "
                                        + orderBy);
                    }
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

    private static String calendarInterval(JsonNode params, String title, List<String> failures) {
        return switch (params.path("interval").asText()) {
            case "d" -> "1d";
            case "w" -> "1w";
            case "M" -> "1M";
            case "y" -> "1y";
            default -> {
                failures.add(title + ": interval " + params.path("interval"));
                yield "1d";
            }
        };
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

    /**
     * Every field of the index's mapping, by its path (object fields and multi-fields dotted), and
     * its type.
     */
    private Map<String, String> mappedTypes(String pattern) throws IOException {
        JsonNode indices = openSearch.get("/" + physicalAlias.apply(pattern) + "/_mapping");
        Map<String, String> types = new HashMap<>();
        if (indices.size() != 1) {
            throw new IOException(pattern + " reaches " + indices.size() + " indices, not one");
        }
        flatten("", indices.elements().next().path("mappings").path("properties"), types);
        return types;
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
