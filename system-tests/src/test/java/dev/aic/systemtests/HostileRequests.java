package dev.aic.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A few thousand malformed, oversized, mistyped, unauthorised or otherwise hostile requests across
 * every endpoint of both services, users and community events alike. Each request is built so that
 * a service that wrongly accepted it would show it: bodies that would register someone carry a
 * fresh address, changes target an existing user or a published community event, and each starts
 * from a body that would be accepted.
 */
final class HostileRequests {

    enum Service {
        COMMAND,
        QUERY
    }

    /**
     * One hostile request. {@code mustBeRefused}: a 2xx answer is a defect (the input is invalid);
     * without it the request is merely odd (a search for {@code "("}) and must only be answered
     * without a 5xx.
     */
    record Probe(
            Service service,
            String category,
            String label,
            RawHttp.Request request,
            boolean mustBeRefused) {

        @Override
        public String toString() {
            return service + " " + category + ": " + label;
        }
    }

    /**
     * Who sends what: the callers' tokens and the ids the requests aim at. {@code organizer}
     * organises {@code event}, a published community event; {@code member} may read {@code
     * document}.
     */
    record Targets(
            String admin,
            String member,
            String unregistered,
            String existingUser,
            String organizer,
            String event,
            String document) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MISSING_USER = "00000000-0000-4000-8000-000000000000";
    private static final String MISSING_EVENT = "00000000-0000-4000-8000-0000000000e1";
    private static final AtomicInteger FRESH = new AtomicInteger();

    private final Targets targets;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final List<Probe> probes = new ArrayList<>();

    private HostileRequests(Targets targets) {
        this.targets = targets;
    }

    static List<Probe> against(Targets targets) {
        var requests = new HostileRequests(targets);
        requests.commandSide();
        requests.querySide();
        return List.copyOf(requests.probes);
    }

    // ---------------------------------------------------------------- command-side

    /**
     * A command endpoint with a JSON body: who may call it, whether it takes {@code If-Match}, a
     * valid body to start each mutation from, and values of the right JSON type that its rules must
     * refuse (raw JSON per field; a field the valid body lacks is added).
     */
    private record BodyEndpoint(
            String method,
            String path,
            String caller,
            boolean bodyOptional,
            boolean conditional,
            Supplier<ObjectNode> valid,
            Map<String, List<String>> invalidValues) {

        String name() {
            return method + " " + path;
        }
    }

    /**
     * An endpoint with an id in its path ({@code {id}}), to aim at anything but an existing one.
     */
    private record IdRoute(
            Service service, String method, String template, String caller, Supplier<String> body) {

        String at(String id) {
            return template.replace("{id}", id);
        }
    }

    private List<BodyEndpoint> bodyEndpoints() {
        String user = "/api/users/" + targets.existingUser();
        String event = "/api/events/" + targets.event();
        String admin = targets.admin();
        String organizer = targets.organizer();
        Map<String, List<String>> userIds =
                Map.of(
                        "userId",
                        List.of(
                                "\"not-a-uuid\"",
                                "\"\"",
                                "null",
                                "\"" + UUID.randomUUID() + "0\"",
                                "\"" + UUID.randomUUID().toString().replace("-", "") + "\""));
        return List.of(
                new BodyEndpoint(
                        "POST",
                        "/api/me",
                        targets.member(),
                        true,
                        false,
                        () -> object("displayName", "Hostile Probe"),
                        Map.of()),
                new BodyEndpoint(
                        "POST", "/api/users", admin, false, false, this::registration, Map.of()),
                new BodyEndpoint(
                        "PUT",
                        user + "/profile",
                        admin,
                        false,
                        true,
                        HostileRequests::profile,
                        Map.of()),
                new BodyEndpoint(
                        "PUT",
                        "/api/users/" + MISSING_USER + "/profile",
                        admin,
                        false,
                        false,
                        HostileRequests::profile,
                        Map.of()),
                new BodyEndpoint(
                        "PUT",
                        user + "/roles",
                        admin,
                        false,
                        true,
                        () -> object("roles", NODES.arrayNode().add("MEMBER").add("ORGANIZER")),
                        Map.of(
                                "roles",
                                List.of(
                                        "[\"WIZARD\"]",
                                        "[\"member\"]",
                                        "[\"ROLE_ADMIN\"]",
                                        "[\"\"]",
                                        "[\"MEMBER\",\"GOD\"]",
                                        "[0]"))),
                new BodyEndpoint(
                        "POST",
                        user + "/deactivate",
                        admin,
                        true,
                        true,
                        () -> object("reason", "hostile probe"),
                        Map.of()),
                new BodyEndpoint(
                        "POST",
                        "/api/events",
                        organizer,
                        false,
                        false,
                        HostileRequests::draft,
                        with(
                                detailValues(),
                                scheduleValues(),
                                Map.of("capacity", capacityValues()))),
                new BodyEndpoint(
                        "PUT",
                        event + "/details",
                        organizer,
                        false,
                        true,
                        HostileRequests::details,
                        detailValues()),
                new BodyEndpoint(
                        "PUT",
                        "/api/events/" + MISSING_EVENT + "/details",
                        organizer,
                        false,
                        false,
                        HostileRequests::details,
                        detailValues()),
                new BodyEndpoint(
                        "PUT",
                        event + "/schedule",
                        organizer,
                        false,
                        true,
                        HostileRequests::schedule,
                        with(
                                scheduleValues(),
                                Map.of("startsAt", List.of("\"2020-01-01T18:00:00Z\"")))),
                new BodyEndpoint(
                        "PUT",
                        event + "/capacity",
                        organizer,
                        false,
                        true,
                        () -> NODES.objectNode().put("capacity", 40),
                        Map.of("capacity", capacityValues())),
                new BodyEndpoint(
                        "POST",
                        event + "/organizers",
                        organizer,
                        false,
                        true,
                        () -> object("userId", targets.existingUser()),
                        userIds),
                new BodyEndpoint(
                        "POST",
                        event + "/cancel",
                        organizer,
                        true,
                        true,
                        () -> object("reason", "hostile probe"),
                        Map.of("reason", List.of("\"" + "r".repeat(501) + "\""))),
                new BodyEndpoint(
                        "POST",
                        event + "/check-ins",
                        organizer,
                        false,
                        false,
                        () -> object("userId", targets.existingUser()),
                        userIds),
                // erasure cannot be undone: aimed at no one, so only the input's own faults decide
                // the answer
                new BodyEndpoint(
                        "POST",
                        "/api/admin/users/" + MISSING_USER + "/erasure",
                        admin,
                        false,
                        false,
                        () -> object("reason", "hostile probe"),
                        Map.of(
                                "reason",
                                List.of("\"\"", "\" \"", "null", "\"" + "r".repeat(501) + "\""))));
    }

    /**
     * Every command and query endpoint with an id in its path, called by someone who may call it.
     */
    private List<IdRoute> idRoutes() {
        String admin = targets.admin();
        String organizer = targets.organizer();
        String member = targets.member();
        Supplier<String> aUser = () -> object("userId", targets.existingUser()).toString();
        return List.of(
                new IdRoute(
                        Service.COMMAND,
                        "PUT",
                        "/api/users/{id}/profile",
                        admin,
                        () -> profile().toString()),
                new IdRoute(
                        Service.COMMAND,
                        "PUT",
                        "/api/users/{id}/roles",
                        admin,
                        () -> "{\"roles\":[\"MEMBER\"]}"),
                new IdRoute(
                        Service.COMMAND, "POST", "/api/users/{id}/deactivate", admin, () -> "{}"),
                new IdRoute(Service.COMMAND, "POST", "/api/users/{id}/reactivate", admin, null),
                new IdRoute(Service.QUERY, "GET", "/api/users/{id}", member, null),
                new IdRoute(
                        Service.COMMAND,
                        "PUT",
                        "/api/events/{id}/details",
                        organizer,
                        () -> details().toString()),
                new IdRoute(Service.COMMAND, "POST", "/api/events/{id}/publish", organizer, null),
                new IdRoute(
                        Service.COMMAND,
                        "PUT",
                        "/api/events/{id}/schedule",
                        organizer,
                        () -> schedule().toString()),
                new IdRoute(
                        Service.COMMAND,
                        "PUT",
                        "/api/events/{id}/capacity",
                        organizer,
                        () -> "{\"capacity\":40}"),
                new IdRoute(
                        Service.COMMAND, "POST", "/api/events/{id}/organizers", organizer, aUser),
                new IdRoute(
                        Service.COMMAND, "POST", "/api/events/{id}/cancel", organizer, () -> "{}"),
                new IdRoute(Service.COMMAND, "POST", "/api/events/{id}/rsvp", member, null),
                new IdRoute(Service.COMMAND, "DELETE", "/api/events/{id}/rsvp", member, null),
                new IdRoute(
                        Service.COMMAND, "POST", "/api/events/{id}/check-ins", organizer, aUser),
                new IdRoute(Service.QUERY, "GET", "/api/events/{id}", member, null),
                new IdRoute(Service.QUERY, "GET", "/api/events/{id}/attendees", organizer, null),
                new IdRoute(Service.QUERY, "GET", "/api/events/{id}/stats", organizer, null),
                new IdRoute(Service.QUERY, "GET", "/api/events/{id}/calendar.ics", member, null),
                new IdRoute(Service.COMMAND, "POST", "/api/documents/{id}/reprocess", member, null),
                new IdRoute(Service.QUERY, "GET", "/api/documents/{id}", member, null),
                new IdRoute(
                        Service.QUERY, "GET", "/api/documents/{id}/status/stream", member, null),
                new IdRoute(Service.QUERY, "GET", "/api/documents/{id}/content", member, null),
                new IdRoute(
                        Service.COMMAND,
                        "POST",
                        "/api/admin/users/{id}/erasure",
                        admin,
                        () -> "{\"reason\":\"hostile probe\"}"),
                new IdRoute(Service.COMMAND, "GET", "/api/audit/entities/{id}/events", admin, null),
                new IdRoute(
                        Service.COMMAND,
                        "GET",
                        "/api/audit/entities/{id}/state?sequence=0",
                        admin,
                        null));
    }

    private void commandSide() {
        List<BodyEndpoint> endpoints = bodyEndpoints();
        for (BodyEndpoint endpoint : endpoints) {
            malformedJson(endpoint);
            wrongTypes(endpoint);
            forbiddenFields(endpoint);
            hugeValues(endpoint);
            oversizeBodies(endpoint);
            deepNesting(endpoint);
            wrongContentTypes(endpoint);
            invalidValues(endpoint);
        }
        unregisteredCaller();
        auditQueries();
        invalidIfMatch(endpoints);
        invalidIdempotencyKeys(
                endpoints.stream()
                        .filter(
                                endpoint ->
                                        endpoint.method().equals("POST")
                                                && List.of("/api/me", "/api/users", "/api/events")
                                                        .contains(endpoint.path()))
                        .toList());
        invalidIds();
        wrongMethods();
        for (BodyEndpoint endpoint : endpoints) {
            badAuthorization(
                    Service.COMMAND,
                    endpoint.method(),
                    endpoint.path(),
                    endpoint.valid().get().toString());
        }
        badAuthorization(
                Service.COMMAND,
                "POST",
                "/api/users/" + targets.existingUser() + "/reactivate",
                null);
        for (String bodyless : List.of("POST /publish", "POST /rsvp", "DELETE /rsvp")) {
            String[] route = bodyless.split(" ");
            badAuthorization(
                    Service.COMMAND, route[0], "/api/events/" + targets.event() + route[1], null);
        }
    }

    /**
     * The audit API's parameters: a time, a sequence number, a range of positions, an anchor, a
     * cursor.
     */
    private void auditQueries() {
        String entity = "/api/audit/entities/" + targets.existingUser();
        Map<String, List<String>> refused =
                Map.of(
                        entity + "/events",
                        List.of(
                                "limit=0",
                                "limit=-1",
                                "limit=1001",
                                "limit=abc",
                                "cursor=garbage",
                                "cursor=%00",
                                "cursor=" + "A".repeat(5_000)),
                        entity + "/state",
                        List.of(
                                "",
                                "at=yesterday",
                                "at=2027-02-30T00:00:00Z",
                                "sequence=-1",
                                "sequence=abc",
                                "sequence=99999999999999999999",
                                "at=2026-01-01T00:00:00Z&sequence=0"),
                        "/api/audit/events",
                        List.of(
                                "from=yesterday",
                                "to=2027-13-01T00:00:00Z",
                                "from=%00",
                                "from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                                "correlationId=" + "c".repeat(300)),
                        "/api/audit/chain/verify",
                        List.of(
                                "from=-1",
                                "from=abc",
                                "to=1.5",
                                "from=10&to=2",
                                "anchor=garbage",
                                "anchor=1:zz",
                                "anchor=%00"));
        refused.forEach(
                (path, queries) ->
                        queries.forEach(
                                query ->
                                        send(
                                                Service.COMMAND,
                                                "invalid query parameter",
                                                "GET " + path + "?" + abbreviate(query),
                                                "GET",
                                                query.isEmpty() ? path : path + "?" + query,
                                                targets.admin(),
                                                null,
                                                List.of(),
                                                true)));
    }

    /**
     * A signed-in caller who never registered has no standing: nothing they send may register or
     * change anything.
     */
    private void unregisteredCaller() {
        // only bodies no parser can read: anything else would register them
        BodyEndpoint selfRegistration =
                new BodyEndpoint(
                        "POST",
                        "/api/me",
                        targets.unregistered(),
                        true,
                        false,
                        () -> object("displayName", "Nina"),
                        Map.of());
        for (String body :
                List.of(
                        "{",
                        "not json",
                        "{\"displayName\":\"Ni",
                        "{\"displayName\" \"Nina\"}",
                        "[]")) {
            command("malformed JSON", "unregistered caller: " + body, selfRegistration, json(body));
        }
        command(
                "oversize body",
                "unregistered caller: 70 000 bytes",
                selfRegistration,
                json(object("displayName", "x".repeat(70_000)).toString()));
        String event = "/api/events/" + targets.event();
        List<String[]> routes =
                List.of(
                        new String[] {"POST", event + "/rsvp", null},
                        new String[] {"DELETE", event + "/rsvp", null},
                        new String[] {"POST", "/api/events", draft().toString()},
                        new String[] {"PUT", event + "/capacity", "{\"capacity\":41}"});
        for (String[] route : routes) {
            send(
                    Service.COMMAND,
                    "unregistered caller",
                    route[0] + " " + route[1],
                    route[0],
                    route[1],
                    targets.unregistered(),
                    route[2] == null ? null : json(route[2]),
                    List.of(),
                    true);
        }
        for (String path : List.of("/api/me/events", "/api/me/calendar.ics")) {
            send(
                    Service.QUERY,
                    "unregistered caller",
                    "GET " + path,
                    "GET",
                    path,
                    targets.unregistered(),
                    null,
                    List.of(),
                    true);
        }
    }

    private void malformedJson(BodyEndpoint endpoint) {
        String valid = endpoint.valid().get().toString();
        List<String> bodies =
                new ArrayList<>(
                        List.of(
                                "{",
                                "}",
                                "not json",
                                "{\"a\" 1}",
                                valid.replace('"', '\''),
                                valid.replaceAll("\"(\\w+)\":", "$1:"),
                                valid.substring(0, valid.length() - 1) + ",}",
                                "[]",
                                "\"text\"",
                                "42",
                                "true",
                                valid.substring(0, valid.length() / 3),
                                valid.substring(0, valid.length() / 2),
                                valid.substring(0, valid.length() - 1)));
        if (!endpoint.bodyOptional()) {
            // where the body is optional, an empty one and a JSON null both mean "none"
            bodies.addAll(List.of("null", ""));
        }
        bodies.forEach(
                body ->
                        command(
                                "malformed JSON",
                                endpoint.name() + " " + abbreviate(body),
                                endpoint,
                                json(body)));
        // each of these starts like a valid body and is spoiled further on
        String fresh = endpoint.valid().get().toString();
        command(
                "malformed JSON",
                endpoint.name() + " trailing garbage",
                endpoint,
                json(fresh + " trailing"));
        command(
                "malformed JSON",
                endpoint.name() + " two documents",
                endpoint,
                json(endpoint.valid().get().toString() + endpoint.valid().get()));
        command(
                "malformed JSON",
                endpoint.name() + " comment",
                endpoint,
                json("/* hostile */ " + endpoint.valid().get()));
        String firstField = endpoint.valid().get().fieldNames().next();
        command(
                "malformed JSON",
                endpoint.name() + " NaN",
                endpoint,
                json(spoil(endpoint.valid().get(), firstField, "NaN")));
        command(
                "malformed JSON",
                endpoint.name() + " raw NUL in a string",
                endpoint,
                json(intoFirstString(endpoint.valid().get().toString(), "\u0000")));
        command(
                "malformed JSON",
                endpoint.name() + " invalid UTF-8",
                endpoint,
                withInvalidUtf8(endpoint.valid().get().toString()));
        command(
                "malformed JSON",
                endpoint.name() + " lone surrogate",
                endpoint,
                json(intoFirstString(endpoint.valid().get().toString(), "\\ud800")));
    }

    private void wrongTypes(BodyEndpoint endpoint) {
        ObjectNode valid = endpoint.valid().get();
        valid.fieldNames()
                .forEachRemaining(
                        field -> {
                            JsonNode value = valid.get(field);
                            List<String> wrong =
                                    value.isArray()
                                            ? List.of(
                                                    "\"x\"", "1", "true", "{}", "[1]", "[true]",
                                                    "[{}]", "[[]]", "[null]")
                                            : value.isNumber()
                                                    ? List.of(
                                                            "\"x\"",
                                                            "\"" + value + "\"",
                                                            "true",
                                                            "{}",
                                                            "[]",
                                                            "[" + value + "]",
                                                            "1.5",
                                                            value + ".0",
                                                            "1e3")
                                                    : List.of(
                                                            "123",
                                                            "-1.5",
                                                            "true",
                                                            "{}",
                                                            "[]",
                                                            "[\"x\"]",
                                                            "{\"a\":\"b\"}");
                            for (String raw : wrong) {
                                command(
                                        "wrong JSON type",
                                        endpoint.name() + " " + field + "=" + raw,
                                        endpoint,
                                        json(spoil(endpoint.valid().get(), field, raw)));
                            }
                        });
    }

    /**
     * Values of the right JSON type that break a rule: out of range, unparseable, unknown, blank,
     * missing.
     */
    private void invalidValues(BodyEndpoint endpoint) {
        endpoint.invalidValues()
                .forEach(
                        (field, values) ->
                                values.forEach(
                                        raw ->
                                                command(
                                                        "invalid field value",
                                                        endpoint.name()
                                                                + " "
                                                                + field
                                                                + "="
                                                                + abbreviate(raw),
                                                        endpoint,
                                                        json(
                                                                spoil(
                                                                        endpoint.valid().get(),
                                                                        field,
                                                                        raw)))));
    }

    private void forbiddenFields(BodyEndpoint endpoint) {
        List<Map.Entry<String, JsonNode>> fields =
                List.of(
                        Map.entry("roles", NODES.arrayNode().add("ADMIN")),
                        Map.entry("owner", NODES.textNode(UUID.randomUUID().toString())),
                        Map.entry("version", NODES.numberNode(7)),
                        Map.entry("status", NODES.textNode("ACTIVE")),
                        Map.entry("id", NODES.textNode(UUID.randomUUID().toString())),
                        Map.entry("active", NODES.booleanNode(false)),
                        Map.entry("@class", NODES.textNode("java.lang.ProcessBuilder")),
                        Map.entry("__proto__", NODES.objectNode().put("admin", true)));
        fields.forEach(
                field -> {
                    String name = field.getKey();
                    JsonNode value = field.getValue();
                    ObjectNode body = endpoint.valid().get();
                    if (!body.has(name)) {
                        body.set(name, value);
                        command(
                                "forbidden field",
                                endpoint.name() + " +" + name,
                                endpoint,
                                json(body.toString()));
                    }
                });
        if (!endpoint.valid().get().has("email")) {
            ObjectNode body = endpoint.valid().get().put("email", "someone-else@example.org");
            command(
                    "forbidden field",
                    endpoint.name() + " +email",
                    endpoint,
                    json(body.toString()));
        }
    }

    private void hugeValues(BodyEndpoint endpoint) {
        ObjectNode valid = endpoint.valid().get();
        valid.fieldNames()
                .forEachRemaining(
                        field -> {
                            if (valid.get(field).isArray()) {
                                ArrayNode many = NODES.arrayNode();
                                for (int i = 0; i < 5_000; i++) {
                                    many.add("MEMBER");
                                }
                                command(
                                        "huge value",
                                        endpoint.name() + " " + field + " with 5 000 items",
                                        endpoint,
                                        json(endpoint.valid().get().set(field, many).toString()));
                                return;
                            }
                            for (String huge :
                                    List.of(
                                            "x".repeat(10_000),
                                            "y".repeat(60_000),
                                            "\uD83D\uDE00".repeat(15_000))) {
                                command(
                                        "huge value",
                                        endpoint.name()
                                                + " "
                                                + field
                                                + " of "
                                                + huge.length()
                                                + " chars",
                                        endpoint,
                                        json(endpoint.valid().get().put(field, huge).toString()));
                            }
                        });
    }

    private void oversizeBodies(BodyEndpoint endpoint) {
        String field = endpoint.valid().get().fieldNames().next();
        String large = endpoint.valid().get().put(field, "z".repeat(70_000)).toString();
        command("oversize body", endpoint.name() + " 70 000 bytes", endpoint, json(large));
        command(
                "oversize body",
                endpoint.name() + " 70 000 bytes, chunked",
                endpoint,
                new Body(large.getBytes(StandardCharsets.UTF_8), "application/json", true));
        command(
                "oversize body",
                endpoint.name() + " 1 MB",
                endpoint,
                json(endpoint.valid().get().put(field, "z".repeat(1_000_000)).toString()));
    }

    private void deepNesting(BodyEndpoint endpoint) {
        String field = endpoint.valid().get().fieldNames().next();
        command(
                "deep nesting",
                endpoint.name() + " 5 000 nested arrays",
                endpoint,
                json(spoil(endpoint.valid().get(), field, "[".repeat(5_000) + "]".repeat(5_000))));
        command(
                "deep nesting",
                endpoint.name() + " 3 000 nested objects",
                endpoint,
                json(
                        spoil(
                                endpoint.valid().get(),
                                field,
                                "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000))));
    }

    private void wrongContentTypes(BodyEndpoint endpoint) {
        for (String type :
                List.of(
                        "text/plain",
                        "application/xml",
                        "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=hostile",
                        "application/octet-stream",
                        "garbage",
                        "application/json; charset=ebcdic",
                        "text/json")) {
            command(
                    "wrong Content-Type",
                    endpoint.name() + " as " + type,
                    endpoint,
                    new Body(
                            endpoint.valid().get().toString().getBytes(StandardCharsets.UTF_8),
                            type,
                            false));
        }
        command(
                "wrong Content-Type",
                endpoint.name() + " without Content-Type",
                endpoint,
                new Body(
                        endpoint.valid().get().toString().getBytes(StandardCharsets.UTF_8),
                        null,
                        false));
    }

    private void invalidIfMatch(List<BodyEndpoint> endpoints) {
        List<String> tags =
                List.of(
                        "abc",
                        "\"x\"",
                        "\"-1\"",
                        "W/\"x\"",
                        "7",
                        "\"1\", \"2\"",
                        "\"99999999999999999999\"",
                        "\"" + "9".repeat(3_000) + "\"",
                        "\"\"",
                        "\"1");
        List<Map.Entry<String, String>> bodyless =
                List.of(
                        Map.entry(
                                "/api/users/" + targets.existingUser() + "/reactivate",
                                targets.admin()),
                        Map.entry(
                                "/api/events/" + targets.event() + "/publish",
                                targets.organizer()));
        for (String tag : tags) {
            for (BodyEndpoint endpoint : endpoints) {
                if (endpoint.conditional()) {
                    send(
                            Service.COMMAND,
                            "invalid If-Match",
                            endpoint.name() + " If-Match: " + abbreviate(tag),
                            endpoint.method(),
                            endpoint.path(),
                            endpoint.caller(),
                            json(endpoint.valid().get().toString()),
                            List.of(Map.entry("If-Match", tag)),
                            true);
                }
            }
            bodyless.forEach(
                    route ->
                            send(
                                    Service.COMMAND,
                                    "invalid If-Match",
                                    "POST " + route.getKey() + " If-Match: " + abbreviate(tag),
                                    "POST",
                                    route.getKey(),
                                    route.getValue(),
                                    null,
                                    List.of(Map.entry("If-Match", tag)),
                                    true));
        }
    }

    private void invalidIdempotencyKeys(List<BodyEndpoint> creating) {
        List<String> keys =
                List.of(
                        "k".repeat(256),
                        "k".repeat(1_000),
                        "a b",
                        "a\tb",
                        "a\u0001b",
                        "\u0007",
                        "a\u007Fb",
                        "\u00E9t\u00E9",
                        "");
        for (String key : keys) {
            for (BodyEndpoint endpoint : creating) {
                send(
                        Service.COMMAND,
                        "invalid Idempotency-Key",
                        endpoint.name() + " key " + describe(key),
                        endpoint.method(),
                        endpoint.path(),
                        endpoint.caller(),
                        json(endpoint.valid().get().toString()),
                        List.of(Map.entry("Idempotency-Key", key)),
                        true);
            }
        }
    }

    /**
     * Every route with an id, aimed at malformed ids and at a well-formed one that names nothing.
     */
    private void invalidIds() {
        for (IdRoute route : idRoutes()) {
            for (String id : invalidIdsInPath()) {
                aimedAt("invalid id in path", route, id);
            }
            aimedAt(
                    "missing id",
                    route,
                    route.template().startsWith("/api/users") ? MISSING_USER : MISSING_EVENT);
        }
    }

    private void aimedAt(String category, IdRoute route, String id) {
        String body = route.body() == null ? null : route.body().get();
        send(
                route.service(),
                category,
                route.method() + " " + route.at(abbreviate(id)),
                route.method(),
                route.at(id),
                route.caller(),
                body == null ? null : json(body),
                List.of(),
                true);
    }

    private static List<String> invalidIdsInPath() {
        String uuid = UUID.randomUUID().toString();
        return List.of(
                "not-a-uuid",
                "123",
                "-1",
                uuid + "0",
                uuid.replace("-", ""),
                "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
                "a".repeat(2_000),
                "%20",
                "%00",
                "%2F",
                "%25",
                "%ZZ",
                "..%2F..",
                "'%20OR%201=1--",
                "%7Bid%7D",
                uuid + "%0D%0AX-Injected:%201");
    }

    private void wrongMethods() {
        String user = "/api/users/" + targets.existingUser();
        String event = "/api/events/" + targets.event();
        List<String[]> command =
                List.of(
                        new String[] {"GET", "/api/me"},
                        new String[] {"PUT", "/api/me"},
                        new String[] {"DELETE", "/api/me"},
                        new String[] {"GET", "/api/users"},
                        new String[] {"PUT", "/api/users"},
                        new String[] {"DELETE", "/api/users"},
                        new String[] {"PATCH", "/api/users"},
                        new String[] {"GET", user},
                        new String[] {"DELETE", user},
                        new String[] {"PATCH", user},
                        new String[] {"GET", user + "/profile"},
                        new String[] {"POST", user + "/profile"},
                        new String[] {"PATCH", user + "/profile"},
                        new String[] {"DELETE", user + "/profile"},
                        new String[] {"GET", user + "/roles"},
                        new String[] {"POST", user + "/roles"},
                        new String[] {"GET", user + "/deactivate"},
                        new String[] {"PUT", user + "/deactivate"},
                        new String[] {"DELETE", user + "/reactivate"},
                        new String[] {"TRACE", "/api/users"},
                        new String[] {"BREW", "/api/users"},
                        new String[] {"GET", "/api/events"},
                        new String[] {"PUT", "/api/events"},
                        new String[] {"DELETE", "/api/events"},
                        new String[] {"DELETE", event},
                        new String[] {"PATCH", event},
                        new String[] {"POST", event + "/details"},
                        new String[] {"PATCH", event + "/details"},
                        new String[] {"GET", event + "/publish"},
                        new String[] {"PUT", event + "/publish"},
                        new String[] {"GET", event + "/schedule"},
                        new String[] {"DELETE", event + "/capacity"},
                        new String[] {"GET", event + "/organizers"},
                        new String[] {"DELETE", event + "/organizers"},
                        new String[] {"GET", event + "/cancel"},
                        new String[] {"PUT", event + "/rsvp"},
                        new String[] {"PATCH", event + "/rsvp"},
                        new String[] {"GET", event + "/check-ins"},
                        new String[] {"DELETE", event + "/check-ins"},
                        new String[] {"TRACE", "/api/events"},
                        new String[] {"BREW", event + "/rsvp"});
        for (String[] route : command) {
            send(
                    Service.COMMAND,
                    "wrong method",
                    route[0] + " " + route[1],
                    route[0],
                    route[1],
                    targets.admin(),
                    route[0].equals("GET") || route[0].equals("TRACE")
                            ? null
                            : json(profile().toString()),
                    List.of(),
                    true);
        }
        List<String[]> query =
                List.of(
                        new String[] {"POST", "/api/me"},
                        new String[] {"PUT", "/api/me"},
                        new String[] {"DELETE", "/api/me"},
                        new String[] {"POST", "/api/users"},
                        new String[] {"DELETE", "/api/users"},
                        new String[] {"PUT", user},
                        new String[] {"DELETE", user},
                        new String[] {"PATCH", user},
                        new String[] {"TRACE", "/api/users"},
                        new String[] {"BREW", "/api/users"},
                        new String[] {"POST", "/api/events"},
                        new String[] {"PUT", "/api/events"},
                        new String[] {"PUT", event},
                        new String[] {"DELETE", event},
                        new String[] {"POST", event + "/attendees"},
                        new String[] {"DELETE", event + "/stats"},
                        new String[] {"POST", event + "/calendar.ics"},
                        new String[] {"POST", "/api/me/events"},
                        new String[] {"PUT", "/api/me/calendar.ics"},
                        new String[] {"TRACE", "/api/events"});
        for (String[] route : query) {
            send(
                    Service.QUERY,
                    "wrong method",
                    route[0] + " " + route[1],
                    route[0],
                    route[1],
                    targets.admin(),
                    route[0].equals("TRACE") ? null : json(profile().toString()),
                    List.of(),
                    true);
        }
    }

    // ---------------------------------------------------------------- query-side

    private void querySide() {
        String user = "/api/users/" + targets.existingUser();
        String event = "/api/events/" + targets.event();
        String bogusCursor =
                "cursor="
                        + Base64.getUrlEncoder()
                                .encodeToString(
                                        "{\"after\":\"x\",\"sort\":\"bogus\"}"
                                                .getBytes(StandardCharsets.UTF_8));
        List<String> cursors =
                List.of(
                        "cursor=garbage",
                        "cursor=%00",
                        "cursor=" + "A".repeat(5_000),
                        "cursor=eyJ4IjoxfQ",
                        bogusCursor);
        List<String> limits =
                List.of(
                        "limit=0",
                        "limit=-1",
                        "limit=101",
                        "limit=abc",
                        "limit=1e3",
                        "limit=1.5",
                        "limit=99999999999999999999");
        Map<String, List<String>> refused =
                Map.of(
                        "/api/users",
                                with(
                                        limits,
                                        cursors,
                                        List.of(
                                                "sort=bogus",
                                                "sort=displayName%3BDROP",
                                                "sort=-displayName-",
                                                "role=WIZARD",
                                                "role=ROLE_WIZARD",
                                                "active=maybe",
                                                "active=2",
                                                "q=" + "q".repeat(201))),
                        "/api/events",
                                with(
                                        limits,
                                        cursors,
                                        List.of(
                                                "q=reading&cursor=garbage",
                                                "q=" + "q".repeat(201),
                                                "tag=" + "t".repeat(101),
                                                "from=yesterday",
                                                "from=2027-02-30T00:00:00Z",
                                                "from=2027-03-01",
                                                "from=2027-03-01T18:00",
                                                "from=%00",
                                                "from=1e9",
                                                "to=garbage",
                                                "to=2027-13-01T00:00:00Z",
                                                "q=reading&to=garbage",
                                                "online=maybe",
                                                "online=2",
                                                "hasSeats=perhaps",
                                                "hasSeats=-1")),
                        "/api/me/events",
                                List.of(
                                        "limit=0",
                                        "limit=-1",
                                        "limit=501",
                                        "limit=abc",
                                        "limit=1.5"),
                        "/api/me/calendar.ics", List.of("limit=0", "limit=501", "limit=abc"),
                        "/api/search",
                                List.of(
                                        "mode=fulltext",
                                        "q=",
                                        "q=%20",
                                        "q=" + "q".repeat(501),
                                        "q=a&mode=bogus",
                                        "q=a&limit=0",
                                        "q=a&limit=51",
                                        "q=a&limit=abc",
                                        "q=a&author=not-a-uuid",
                                        "q=a&from=yesterday",
                                        "q=a&to=2027-13-01T00:00:00Z",
                                        "q=a&communityEventId=zzz",
                                        "q=a&mode=%00"));
        refused.forEach(
                (path, queries) ->
                        queries.forEach(
                                query ->
                                        send(
                                                Service.QUERY,
                                                "invalid query parameter",
                                                "GET " + path + "?" + abbreviate(query),
                                                "GET",
                                                path + "?" + query,
                                                targets.member(),
                                                null,
                                                List.of(),
                                                true)));
        String letters = "/api/admin/projections/users/dead-letters";
        for (String query :
                List.of(
                        "?limit=0",
                        "?limit=501",
                        "?limit=abc",
                        "?cursor=garbage",
                        "?cursor=%00",
                        "/not-a-letter-id",
                        "/%00",
                        "/" + "a".repeat(2_000))) {
            send(
                    Service.QUERY,
                    "invalid dead-letter request",
                    "GET " + letters + abbreviate(query),
                    "GET",
                    letters + query,
                    targets.admin(),
                    null,
                    List.of(),
                    true);
        }
        for (String path :
                List.of(
                        "/api/admin/projections/%00",
                        "/api/admin/projections/no-such-projection",
                        "/api/admin/projections/no-such-projection/rebuild",
                        "/api/admin/projections/..%2Fusers/compare")) {
            send(
                    Service.QUERY,
                    "unknown projection",
                    "GET " + path,
                    "GET",
                    path,
                    targets.admin(),
                    null,
                    List.of(),
                    true);
        }
        // odd but legal: they must be answered, whatever they find
        List<String> searches =
                List.of(
                        "*",
                        "%5C",
                        "%22",
                        "(",
                        "%5B",
                        "%7B",
                        "~",
                        "%2F",
                        "a%20AND",
                        "%25",
                        "'",
                        "%3Cscript%3E",
                        "%F0%9F%98%80",
                        "a%20OR%20b:c",
                        "field:value",
                        "%3F",
                        "-",
                        "!",
                        "%00");
        List<String> oddEventQueries =
                new ArrayList<>(searches.stream().map(search -> "q=" + search).toList());
        oddEventQueries.addAll(
                List.of(
                        "tag=%00",
                        "tag=%27",
                        "tag=%F0%9F%98%80",
                        "tag=a%20b",
                        "tag=*",
                        "tag=",
                        "tag=%20",
                        "from=-999999999-01-01T00:00:00Z",
                        "to=%2B1000000000-12-31T23:59:59Z",
                        "from=%2B294277-01-01T00:00:00Z",
                        "to=-4714-01-01T00:00:00Z",
                        "from=0000-01-01T00:00:00Z",
                        "from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                        "q=reading&from=-999999999-01-01T00:00:00Z",
                        "q=reading&to=%2B1000000000-12-31T23:59:59Z",
                        "q=reading&from=%2B294277-01-01T00:00:00Z",
                        "from=Sun,%2006%20Nov%201994%2008:49:37%20GMT",
                        "online=true&hasSeats=false&tag=x&q=x",
                        "limit=5&limit=6",
                        "q=reading&tag=%00"));
        searches.forEach(
                search ->
                        send(
                                Service.QUERY,
                                "odd search",
                                "GET /api/users?q=" + search,
                                "GET",
                                "/api/users?q=" + search,
                                targets.member(),
                                null,
                                List.of(),
                                false));
        searches.forEach(
                search ->
                        send(
                                Service.QUERY,
                                "odd search",
                                "GET /api/search?mode=fulltext&q=" + search,
                                "GET",
                                "/api/search?mode=fulltext&q=" + search,
                                targets.member(),
                                null,
                                List.of(),
                                false));
        oddEventQueries.forEach(
                query ->
                        send(
                                Service.QUERY,
                                "odd search",
                                "GET /api/events?" + query,
                                "GET",
                                "/api/events?" + query,
                                targets.member(),
                                null,
                                List.of(),
                                false));
        for (String path :
                List.of(
                        "/api/me",
                        user,
                        "/api/users",
                        "/api/events",
                        event,
                        event + "/calendar.ics",
                        "/api/me/events",
                        "/api/me/calendar.ics")) {
            for (String token :
                    List.of(
                            "abc",
                            "-1",
                            "1.5",
                            "99999999999999999999999",
                            "1,2",
                            "0x10",
                            "1 2",
                            "9".repeat(3_000))) {
                send(
                        Service.QUERY,
                        "invalid Consistency-Token",
                        "GET " + path + " Consistency-Token " + describe(token),
                        "GET",
                        path,
                        targets.member(),
                        null,
                        List.of(Map.entry("Consistency-Token", token)),
                        true);
            }
            badAuthorization(Service.QUERY, "GET", path, null);
        }
        for (String path : List.of(event + "/attendees", event + "/stats")) {
            badAuthorization(Service.QUERY, "GET", path, null);
        }
        downloads();
    }

    /**
     * A readable document's bytes: versions that are no number or none of its own, ranges no
     * content can answer.
     */
    private void downloads() {
        String content = "/api/documents/" + targets.document() + "/content";
        for (String version :
                List.of("0", "-1", "abc", "1.5", "1e3", "99999999999", "%00", "2", "2147483647")) {
            send(
                    Service.QUERY,
                    "invalid download request",
                    "GET " + content + "?version=" + version,
                    "GET",
                    content + "?version=" + version,
                    targets.member(),
                    null,
                    List.of(),
                    true);
        }
        for (String range :
                List.of(
                        "bytes=abc",
                        "bytes=5-1",
                        "bytes=999999999-",
                        "bytes=99999999999999999999-",
                        "bytes=-0",
                        "bytes",
                        "bytes=",
                        "bytes=-",
                        "bytes=1-2-3",
                        "bytes=0x10-0x20",
                        "bytes=+1-2",
                        "bytes=%00")) {
            send(
                    Service.QUERY,
                    "invalid download request",
                    "GET " + content + " Range " + abbreviate(range),
                    "GET",
                    content,
                    targets.member(),
                    null,
                    List.of(Map.entry("Range", range)),
                    true);
        }
        // odd but legal (RFC 9110 §14.2): several ranges, another unit or a stale If-Range get the
        // whole content
        String manyRanges =
                "bytes="
                        + String.join(
                                ",",
                                java.util.stream.IntStream.range(0, 200)
                                        .mapToObj(i -> i + "-" + i)
                                        .toList());
        for (List<Map.Entry<String, String>> headers :
                List.of(
                        List.of(Map.entry("Range", manyRanges)),
                        List.of(Map.entry("Range", "lines=1-2")),
                        List.of(Map.entry("Range", "bytes=0-0,-1")),
                        List.of(Map.entry("Range", "bytes=0-9"), Map.entry("If-Range", "garbage")),
                        List.of(Map.entry("If-None-Match", "garbage, *, W/\"x\"")))) {
            send(
                    Service.QUERY,
                    "odd download request",
                    "GET " + content + " " + abbreviate(headers.toString()),
                    "GET",
                    content,
                    targets.member(),
                    null,
                    headers,
                    false);
        }
        badAuthorization(Service.QUERY, "GET", content, null);
    }

    // ---------------------------------------------------------------- authorization

    private void badAuthorization(Service service, String method, String path, String validBody) {
        Body body = validBody == null ? null : json(validBody);
        String token = targets.admin();
        String[] parts = token.split("\\.");
        char flipped = parts[2].charAt(10) == 'A' ? 'B' : 'A';
        String tamperedSignature =
                parts[0]
                        + "."
                        + parts[1]
                        + "."
                        + parts[2].substring(0, 10)
                        + flipped
                        + parts[2].substring(11);
        String unsigned =
                Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(
                                        "{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                        + "."
                        + parts[1]
                        + ".";
        List<Map.Entry<String, String>> authorizations =
                List.of(
                        Map.entry("garbage bearer", "Bearer garbage"),
                        Map.entry("tampered signature", "Bearer " + tamperedSignature),
                        Map.entry("unsigned (alg none)", "Bearer " + unsigned),
                        Map.entry(
                                "Basic credentials",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        "adam:dev-secret"
                                                                .getBytes(StandardCharsets.UTF_8))),
                        Map.entry("Bearer without token", "Bearer"),
                        Map.entry("three dots", "Bearer a.b.c"),
                        Map.entry("9 000 byte header", "Bearer " + "a".repeat(9_000)));
        send(
                service,
                "missing Authorization",
                method + " " + path + " anonymous",
                method,
                path,
                null,
                body,
                List.of(),
                true);
        authorizations.forEach(
                authorization ->
                        send(
                                service,
                                "garbage Authorization",
                                method + " " + path + " " + authorization.getKey(),
                                method,
                                path,
                                null,
                                body,
                                List.of(Map.entry("Authorization", authorization.getValue())),
                                true));
    }

    // ---------------------------------------------------------------- building blocks

    private record Body(byte[] bytes, String contentType, boolean chunked) {}

    private void command(String category, String label, BodyEndpoint endpoint, Body body) {
        send(
                Service.COMMAND,
                category,
                label,
                endpoint.method(),
                endpoint.path(),
                endpoint.caller(),
                body,
                List.of(),
                true);
    }

    private void send(
            Service service,
            String category,
            String label,
            String method,
            String target,
            String token,
            Body body,
            List<Map.Entry<String, String>> extraHeaders,
            boolean mustBeRefused) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (token != null) {
            headers.add(Map.entry("Authorization", "Bearer " + token));
        }
        if (body != null && body.contentType() != null) {
            headers.add(Map.entry("Content-Type", body.contentType()));
        }
        headers.addAll(extraHeaders);
        var request =
                new RawHttp.Request(
                        method,
                        target,
                        headers,
                        body == null ? null : body.bytes(),
                        body != null && body.chunked());
        probes.add(new Probe(service, category, label, request, mustBeRefused));
    }

    private static Body json(String text) {
        return new Body(text.getBytes(StandardCharsets.UTF_8), "application/json", false);
    }

    private ObjectNode registration() {
        return object("email", "hostile-" + runId + "-" + FRESH.incrementAndGet() + "@example.org")
                .put("displayName", "Hostile Probe");
    }

    private static ObjectNode profile() {
        ObjectNode profile = object("displayName", "Hostile Probe").put("bio", "probing");
        profile.putArray("interests").add("fuzzing");
        return profile.put("avatarRef", "https://example.org/avatar.png");
    }

    private static ObjectNode draft() {
        Instant start = Instant.now().plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.MINUTES);
        ObjectNode draft =
                details()
                        .put("startsAt", start.toString())
                        .put("endsAt", start.plus(Duration.ofHours(2)).toString())
                        .put("timeZone", "Europe/Amsterdam")
                        .put("capacity", 30);
        return draft;
    }

    private static ObjectNode details() {
        ObjectNode details =
                object("title", "Hostile probe meetup")
                        .put("description", "probing")
                        .put("venue", "Hall 9");
        details.putArray("tags").add("fuzzing");
        return details.put("visibility", "PUBLIC");
    }

    private static ObjectNode schedule() {
        Instant start = Instant.now().plus(Duration.ofDays(41)).truncatedTo(ChronoUnit.MINUTES);
        return object("startsAt", start.toString())
                .put("endsAt", start.plus(Duration.ofHours(3)).toString())
                .put("timeZone", "Europe/Berlin");
    }

    /** Well-typed values the rules of a community event's details refuse. */
    private static Map<String, List<String>> detailValues() {
        return Map.of(
                "title",
                        List.of(
                                "\"\"",
                                "\"   \"",
                                "null",
                                "\"" + "t".repeat(201) + "\"",
                                "\"Meet\\u0000up\""),
                "description", List.of("\"" + "d".repeat(5_001) + "\""),
                // neither a venue nor an online link
                "venue", List.of("null", "\"\"", "\"  \""),
                "onlineLink",
                        List.of(
                                "\"http://meet.example.org/x\"",
                                "\"javascript:alert(1)\"",
                                "\"https://\"",
                                "\"https://a b\"",
                                "\"ftp://example.org\""),
                "tags",
                        List.of(
                                "[\"\"]",
                                "[\" \"]",
                                "[\"" + "g".repeat(41) + "\"]",
                                "[" + String.join(",", Collections.nCopies(11, "\"t\"")) + "]"),
                "visibility", List.of("\"PRIVATE\"", "\"public\"", "\"\"", "0", "null"));
    }

    /** Well-typed values the rules of a community event's schedule refuse. */
    private static Map<String, List<String>> scheduleValues() {
        return Map.of(
                "startsAt",
                        List.of(
                                "\"yesterday\"",
                                "\"2027-02-30T18:00:00Z\"",
                                "\"2027-03-01 18:00\"",
                                "\"2027-03-01T18:00\"",
                                "\"\"",
                                "null",
                                "\"-999999999-01-01T00:00:00Z\"",
                                "\"+1000000000-12-31T23:59:59Z\""),
                "endsAt",
                        List.of(
                                "\"2020-01-01T00:00:00Z\"",
                                "\"not a time\"",
                                "null",
                                "\"+1000000000-12-31T23:59:59Z\""),
                "timeZone",
                        List.of(
                                "\"Mars/Olympus\"",
                                "\"UTC+25\"",
                                "\"\"",
                                "\"../../etc/passwd\"",
                                "null",
                                "\"Europe/Amsterdam\\u0000\""));
    }

    private static List<String> capacityValues() {
        return List.of(
                "0", "-1", "100001", "2147483648", "-2147483649", "99999999999999999999", "null");
    }

    /** The invalid values of several maps, those of a field named in more than one concatenated. */
    @SafeVarargs
    private static Map<String, List<String>> with(Map<String, List<String>>... maps) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (Map<String, List<String>> map : maps) {
            map.forEach(
                    (field, values) ->
                            all.computeIfAbsent(field, key -> new ArrayList<>()).addAll(values));
        }
        return all;
    }

    @SafeVarargs
    private static <T> List<T> with(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static ObjectNode object(String field, String value) {
        return NODES.objectNode().put(field, value);
    }

    private static ObjectNode object(String field, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        node.set(field, value);
        return node;
    }

    /** The body with one field's value replaced by raw JSON text, which need not be valid. */
    private static String spoil(ObjectNode body, String field, String rawValue) {
        String marker = "\"__hostile__\"";
        body.put(field, "__hostile__");
        return body.toString().replace(marker, rawValue);
    }

    /**
     * The JSON text with {@code insertion} at the start of its first string value (not a field
     * name).
     */
    private static String intoFirstString(String json, String insertion) {
        int quote = firstStringValue(json);
        return json.substring(0, quote) + insertion + json.substring(quote);
    }

    private static int firstStringValue(String json) {
        int afterColon = json.indexOf(":\"");
        int inArray = json.indexOf("[\"");
        int start =
                afterColon < 0 ? inArray : inArray < 0 ? afterColon : Math.min(afterColon, inArray);
        return start + 2;
    }

    private static Body withInvalidUtf8(String valid) {
        int quote = firstStringValue(valid);
        var bytes = new ByteArrayOutputStream();
        byte[] text = valid.getBytes(StandardCharsets.UTF_8);
        bytes.write(text, 0, quote);
        bytes.write(0xC3);
        bytes.write(0x28);
        bytes.write(0xFF);
        bytes.write(text, quote, text.length - quote);
        return new Body(bytes.toByteArray(), "application/json", false);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 60
                ? oneLine
                : oneLine.substring(0, 40) + "… (" + oneLine.length() + " chars)";
    }

    private static String describe(String value) {
        if (value.isEmpty()) {
            return "(empty)";
        }
        StringBuilder shown = new StringBuilder();
        value.chars()
                .limit(12)
                .forEach(
                        c ->
                                shown.append(
                                        c < 0x20 || c >= 0x7F
                                                ? String.format("\\u%04x", c)
                                                : String.valueOf((char) c)));
        return shown + (value.length() > 12 ? "… (" + value.length() + " chars)" : "");
    }
}
