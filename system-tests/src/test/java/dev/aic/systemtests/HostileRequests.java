package dev.aic.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A few hundred malformed, oversized, mistyped, unauthorised or otherwise hostile requests across every
 * endpoint of both services. Each request is built so that a service that wrongly accepted it would show
 * it: bodies that would register someone carry a fresh address, changes target an existing user.
 */
final class HostileRequests {

    enum Service { COMMAND, QUERY }

    /**
     * One hostile request. {@code mustBeRefused}: a 2xx answer is a defect (the input is invalid); without
     * it the request is merely odd (a search for {@code "("}) and must only be answered without a 5xx.
     */
    record Probe(Service service, String category, String label, RawHttp.Request request, boolean mustBeRefused) {

        @Override
        public String toString() {
            return service + " " + category + ": " + label;
        }
    }

    /** Who sends what: the callers' tokens and the ids the requests aim at. */
    record Targets(String admin, String member, String unregistered, String existingUser) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MISSING_USER = "00000000-0000-4000-8000-000000000000";
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

    /** A command endpoint with a JSON body: who may call it and a valid body to start each mutation from. */
    private record BodyEndpoint(String method, String path, String caller, boolean bodyOptional,
                                Supplier<ObjectNode> valid) {

        String name() {
            return method + " " + path;
        }
    }

    private void commandSide() {
        String user = targets.existingUser();
        List<BodyEndpoint> endpoints = List.of(
                new BodyEndpoint("POST", "/api/me", targets.member(), true,
                        () -> object("displayName", "Hostile Probe")),
                new BodyEndpoint("POST", "/api/users", targets.admin(), false, this::registration),
                new BodyEndpoint("PUT", "/api/users/" + user + "/profile", targets.admin(), false,
                        HostileRequests::profile),
                new BodyEndpoint("PUT", "/api/users/" + MISSING_USER + "/profile", targets.admin(), false,
                        HostileRequests::profile),
                new BodyEndpoint("PUT", "/api/users/" + user + "/roles", targets.admin(), false,
                        () -> object("roles", NODES.arrayNode().add("MEMBER").add("ORGANIZER"))),
                new BodyEndpoint("POST", "/api/users/" + user + "/deactivate", targets.admin(), true,
                        () -> object("reason", "hostile probe")));
        for (BodyEndpoint endpoint : endpoints) {
            malformedJson(endpoint);
            wrongTypes(endpoint);
            forbiddenFields(endpoint);
            hugeValues(endpoint);
            oversizeBodies(endpoint);
            deepNesting(endpoint);
            wrongContentTypes(endpoint);
        }
        // the unregistered caller gets only bodies no parser can read: anything else would register them
        BodyEndpoint selfRegistration = new BodyEndpoint("POST", "/api/me", targets.unregistered(), true,
                () -> object("displayName", "Nina"));
        for (String body : List.of("{", "not json", "{\"displayName\":\"Ni", "{\"displayName\" \"Nina\"}", "[]")) {
            command("malformed JSON", "unregistered caller: " + body, selfRegistration, json(body));
        }
        command("oversize body", "unregistered caller: 70 000 bytes", selfRegistration,
                json(object("displayName", "x".repeat(70_000)).toString()));
        unknownEnumValues(endpoints.get(4));
        invalidIfMatch(endpoints);
        invalidIdempotencyKeys(endpoints.get(0), endpoints.get(1));
        invalidIds();
        wrongMethods();
        for (BodyEndpoint endpoint : endpoints) {
            badAuthorization(Service.COMMAND, endpoint.method(), endpoint.path(), endpoint.valid().get().toString());
        }
        badAuthorization(Service.COMMAND, "POST", "/api/users/" + user + "/reactivate", null);
    }

    private void malformedJson(BodyEndpoint endpoint) {
        String valid = endpoint.valid().get().toString();
        List<String> bodies = new ArrayList<>(List.of("{", "}", "not json", "{\"a\" 1}", valid.replace('"', '\''),
                valid.replaceAll("\"(\\w+)\":", "$1:"), valid.substring(0, valid.length() - 1) + ",}",
                "[]", "\"text\"", "42", "true",
                valid.substring(0, valid.length() / 3), valid.substring(0, valid.length() / 2),
                valid.substring(0, valid.length() - 1)));
        if (!endpoint.bodyOptional()) {
            // where the body is optional, an empty one and a JSON null both mean "none"
            bodies.addAll(List.of("null", ""));
        }
        bodies.forEach(body ->
                command("malformed JSON", endpoint.name() + " " + abbreviate(body), endpoint, json(body)));
        // each of these starts like a valid body and is spoiled further on
        String fresh = endpoint.valid().get().toString();
        command("malformed JSON", endpoint.name() + " trailing garbage", endpoint, json(fresh + " trailing"));
        command("malformed JSON", endpoint.name() + " two documents", endpoint,
                json(endpoint.valid().get().toString() + endpoint.valid().get()));
        command("malformed JSON", endpoint.name() + " comment", endpoint,
                json("/* hostile */ " + endpoint.valid().get()));
        String firstField = endpoint.valid().get().fieldNames().next();
        command("malformed JSON", endpoint.name() + " NaN", endpoint,
                json(spoil(endpoint.valid().get(), firstField, "NaN")));
        command("malformed JSON", endpoint.name() + " raw NUL in a string", endpoint,
                json(intoFirstString(endpoint.valid().get().toString(), "\u0000")));
        command("malformed JSON", endpoint.name() + " invalid UTF-8", endpoint,
                withInvalidUtf8(endpoint.valid().get().toString()));
        command("malformed JSON", endpoint.name() + " lone surrogate", endpoint,
                json(intoFirstString(endpoint.valid().get().toString(), "\\ud800")));
    }

    private void wrongTypes(BodyEndpoint endpoint) {
        ObjectNode valid = endpoint.valid().get();
        valid.fieldNames().forEachRemaining(field -> {
            boolean array = valid.get(field).isArray();
            List<String> wrong = array
                    ? List.of("\"x\"", "1", "true", "{}", "[1]", "[true]", "[{}]", "[[]]", "[null]")
                    : List.of("123", "-1.5", "true", "{}", "[]", "[\"x\"]", "{\"a\":\"b\"}");
            for (String value : wrong) {
                command("wrong JSON type", endpoint.name() + " " + field + "=" + value, endpoint,
                        json(spoil(endpoint.valid().get(), field, value)));
            }
        });
    }

    private void unknownEnumValues(BodyEndpoint roles) {
        for (String value : List.of("[\"WIZARD\"]", "[\"member\"]", "[\"ROLE_ADMIN\"]", "[\"\"]",
                "[\"MEMBER\",\"GOD\"]")) {
            command("unknown enum value", roles.name() + " roles=" + value, roles,
                    json(spoil(roles.valid().get(), "roles", value)));
        }
    }

    private void forbiddenFields(BodyEndpoint endpoint) {
        List<Map.Entry<String, JsonNode>> fields = List.of(
                Map.entry("roles", NODES.arrayNode().add("ADMIN")),
                Map.entry("owner", NODES.textNode(UUID.randomUUID().toString())),
                Map.entry("version", NODES.numberNode(7)),
                Map.entry("status", NODES.textNode("ACTIVE")),
                Map.entry("id", NODES.textNode(UUID.randomUUID().toString())),
                Map.entry("active", NODES.booleanNode(false)),
                Map.entry("@class", NODES.textNode("java.lang.ProcessBuilder")),
                Map.entry("__proto__", NODES.objectNode().put("admin", true)));
        fields.forEach(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            ObjectNode body = endpoint.valid().get();
            if (!body.has(name)) {
                body.set(name, value);
                command("forbidden field", endpoint.name() + " +" + name, endpoint, json(body.toString()));
            }
        });
        if (!endpoint.valid().get().has("email")) {
            ObjectNode body = endpoint.valid().get().put("email", "someone-else@example.org");
            command("forbidden field", endpoint.name() + " +email", endpoint, json(body.toString()));
        }
    }

    private void hugeValues(BodyEndpoint endpoint) {
        ObjectNode valid = endpoint.valid().get();
        valid.fieldNames().forEachRemaining(field -> {
            if (valid.get(field).isArray()) {
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < 5_000; i++) {
                    many.add("MEMBER");
                }
                command("huge value", endpoint.name() + " " + field + " with 5 000 items", endpoint,
                        json(endpoint.valid().get().set(field, many).toString()));
                return;
            }
            for (String huge : List.of("x".repeat(10_000), "y".repeat(60_000), "\uD83D\uDE00".repeat(15_000))) {
                command("huge value", endpoint.name() + " " + field + " of " + huge.length() + " chars", endpoint,
                        json(endpoint.valid().get().put(field, huge).toString()));
            }
        });
    }

    private void oversizeBodies(BodyEndpoint endpoint) {
        String field = endpoint.valid().get().fieldNames().next();
        String large = endpoint.valid().get().put(field, "z".repeat(70_000)).toString();
        command("oversize body", endpoint.name() + " 70 000 bytes", endpoint, json(large));
        command("oversize body", endpoint.name() + " 70 000 bytes, chunked", endpoint,
                new Body(large.getBytes(StandardCharsets.UTF_8), "application/json", true));
        command("oversize body", endpoint.name() + " 1 MB", endpoint,
                json(endpoint.valid().get().put(field, "z".repeat(1_000_000)).toString()));
    }

    private void deepNesting(BodyEndpoint endpoint) {
        String field = endpoint.valid().get().fieldNames().next();
        command("deep nesting", endpoint.name() + " 5 000 nested arrays", endpoint,
                json(spoil(endpoint.valid().get(), field, "[".repeat(5_000) + "]".repeat(5_000))));
        command("deep nesting", endpoint.name() + " 3 000 nested objects", endpoint,
                json(spoil(endpoint.valid().get(), field, "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000))));
    }

    private void wrongContentTypes(BodyEndpoint endpoint) {
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=hostile", "application/octet-stream", "garbage",
                "application/json; charset=ebcdic", "text/json")) {
            command("wrong Content-Type", endpoint.name() + " as " + type, endpoint,
                    new Body(endpoint.valid().get().toString().getBytes(StandardCharsets.UTF_8), type, false));
        }
        command("wrong Content-Type", endpoint.name() + " without Content-Type", endpoint,
                new Body(endpoint.valid().get().toString().getBytes(StandardCharsets.UTF_8), null, false));
    }

    private void invalidIfMatch(List<BodyEndpoint> endpoints) {
        List<String> tags = List.of("abc", "\"x\"", "\"-1\"", "W/\"x\"", "7", "\"1\", \"2\"",
                "\"99999999999999999999\"",
                "\"" + "9".repeat(3_000) + "\"", "\"\"", "\"1");
        String user = targets.existingUser();
        for (String tag : tags) {
            for (BodyEndpoint endpoint : endpoints.subList(2, endpoints.size())) {
                if (endpoint.path().contains(user)) {
                    send(Service.COMMAND, "invalid If-Match", endpoint.name() + " If-Match: " + abbreviate(tag),
                            endpoint.method(), endpoint.path(), endpoint.caller(),
                            json(endpoint.valid().get().toString()), List.of(Map.entry("If-Match", tag)), true);
                }
            }
            send(Service.COMMAND, "invalid If-Match", "reactivate If-Match: " + abbreviate(tag), "POST",
                    "/api/users/" + user + "/reactivate", targets.admin(), null, List.of(Map.entry("If-Match", tag)),
                    true);
        }
    }

    private void invalidIdempotencyKeys(BodyEndpoint me, BodyEndpoint register) {
        List<String> keys = List.of("k".repeat(256), "k".repeat(1_000), "a b", "a\tb", "a\u0001b", "\u0007",
                "a\u007Fb", "\u00E9t\u00E9", "");
        for (String key : keys) {
            for (BodyEndpoint endpoint : List.of(me, register)) {
                send(Service.COMMAND, "invalid Idempotency-Key", endpoint.name() + " key " + describe(key),
                        endpoint.method(), endpoint.path(), endpoint.caller(), json(endpoint.valid().get().toString()),
                        List.of(Map.entry("Idempotency-Key", key)), true);
            }
        }
    }

    private void invalidIds() {
        for (String id : invalidIdsInPath()) {
            send(Service.COMMAND, "invalid id in path", "PUT profile of " + id, "PUT", "/api/users/" + id + "/profile",
                    targets.admin(), json(profile().toString()), List.of(), true);
            send(Service.COMMAND, "invalid id in path", "PUT roles of " + id, "PUT", "/api/users/" + id + "/roles",
                    targets.admin(), json("{\"roles\":[\"MEMBER\"]}"), List.of(), true);
            send(Service.COMMAND, "invalid id in path", "deactivate " + id, "POST", "/api/users/" + id + "/deactivate",
                    targets.admin(), json("{}"), List.of(), true);
            send(Service.COMMAND, "invalid id in path", "reactivate " + id, "POST", "/api/users/" + id + "/reactivate",
                    targets.admin(), null, List.of(), true);
            send(Service.QUERY, "invalid id in path", "GET user " + id, "GET", "/api/users/" + id, targets.member(),
                    null, List.of(), true);
        }
    }

    private static List<String> invalidIdsInPath() {
        String uuid = UUID.randomUUID().toString();
        return List.of("not-a-uuid", "123", "-1", uuid + "0", uuid.replace("-", ""),
                "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "a".repeat(2_000), "%20", "%00", "%2F", "%25", "%ZZ",
                "..%2F..", "'%20OR%201=1--", "%7Bid%7D", uuid + "%0D%0AX-Injected:%201");
    }

    private void wrongMethods() {
        String user = "/api/users/" + targets.existingUser();
        List<String[]> command = List.of(
                new String[] {"GET", "/api/me"}, new String[] {"PUT", "/api/me"}, new String[] {"DELETE", "/api/me"},
                new String[] {"GET", "/api/users"}, new String[] {"PUT", "/api/users"},
                new String[] {"DELETE", "/api/users"}, new String[] {"PATCH", "/api/users"},
                new String[] {"GET", user}, new String[] {"DELETE", user}, new String[] {"PATCH", user},
                new String[] {"GET", user + "/profile"}, new String[] {"POST", user + "/profile"},
                new String[] {"PATCH", user + "/profile"}, new String[] {"DELETE", user + "/profile"},
                new String[] {"GET", user + "/roles"}, new String[] {"POST", user + "/roles"},
                new String[] {"GET", user + "/deactivate"}, new String[] {"PUT", user + "/deactivate"},
                new String[] {"DELETE", user + "/reactivate"}, new String[] {"TRACE", "/api/users"},
                new String[] {"BREW", "/api/users"});
        for (String[] route : command) {
            send(Service.COMMAND, "wrong method", route[0] + " " + route[1], route[0], route[1], targets.admin(),
                    route[0].equals("GET") || route[0].equals("TRACE") ? null : json(profile().toString()), List.of(),
                    true);
        }
        List<String[]> query = List.of(
                new String[] {"POST", "/api/me"}, new String[] {"PUT", "/api/me"}, new String[] {"DELETE", "/api/me"},
                new String[] {"POST", "/api/users"}, new String[] {"DELETE", "/api/users"},
                new String[] {"PUT", user}, new String[] {"DELETE", user}, new String[] {"PATCH", user},
                new String[] {"TRACE", "/api/users"}, new String[] {"BREW", "/api/users"});
        for (String[] route : query) {
            send(Service.QUERY, "wrong method", route[0] + " " + route[1], route[0], route[1], targets.admin(),
                    route[0].equals("TRACE") ? null : json(profile().toString()), List.of(), true);
        }
    }

    // ---------------------------------------------------------------- query-side

    private void querySide() {
        String user = "/api/users/" + targets.existingUser();
        List<String> refused = List.of("limit=0", "limit=-1", "limit=101", "limit=abc", "limit=1e3", "limit=1.5",
                "limit=99999999999999999999", "sort=bogus", "sort=displayName%3BDROP", "sort=-displayName-",
                "role=WIZARD", "role=ROLE_WIZARD", "active=maybe", "active=2",
                "cursor=garbage", "cursor=%00", "cursor=" + "A".repeat(5_000), "cursor=eyJ4IjoxfQ",
                "cursor=" + Base64.getUrlEncoder().encodeToString("{\"after\":\"x\",\"sort\":\"bogus\"}"
                        .getBytes(StandardCharsets.UTF_8)),
                "q=" + "q".repeat(201));
        for (String query : refused) {
            send(Service.QUERY, "invalid query parameter", "GET /api/users?" + abbreviate(query), "GET",
                    "/api/users?" + query, targets.member(), null, List.of(), true);
        }
        // odd but legal searches: they must be answered, whatever they find
        for (String search : List.of("*", "%5C", "%22", "(", "%5B", "%7B", "~", "%2F", "a%20AND", "%25", "'",
                "%3Cscript%3E", "%F0%9F%98%80", "a%20OR%20b:c", "field:value", "%3F", "-", "!", "%00")) {
            send(Service.QUERY, "odd search", "GET /api/users?q=" + search, "GET", "/api/users?q=" + search,
                    targets.member(), null, List.of(), false);
        }
        for (String path : List.of("/api/me", user, "/api/users")) {
            for (String token : List.of("abc", "-1", "1.5", "99999999999999999999999", "1,2", "0x10", "1 2",
                    "9".repeat(3_000))) {
                send(Service.QUERY, "invalid Consistency-Token",
                        "GET " + path + " Consistency-Token " + describe(token),
                        "GET", path, targets.member(), null, List.of(Map.entry("Consistency-Token", token)), true);
            }
            badAuthorization(Service.QUERY, "GET", path, null);
        }
    }

    // ---------------------------------------------------------------- authorization

    private void badAuthorization(Service service, String method, String path, String validBody) {
        Body body = validBody == null ? null : json(validBody);
        String token = targets.admin();
        String[] parts = token.split("\\.");
        char flipped = parts[2].charAt(10) == 'A' ? 'B' : 'A';
        String tamperedSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + flipped
                + parts[2].substring(11);
        String unsigned = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        List<Map.Entry<String, String>> authorizations = List.of(
                Map.entry("garbage bearer", "Bearer garbage"),
                Map.entry("tampered signature", "Bearer " + tamperedSignature),
                Map.entry("unsigned (alg none)", "Bearer " + unsigned),
                Map.entry("Basic credentials", "Basic " + Base64.getEncoder().encodeToString(
                        "adam:dev-secret".getBytes(StandardCharsets.UTF_8))),
                Map.entry("Bearer without token", "Bearer"),
                Map.entry("three dots", "Bearer a.b.c"),
                Map.entry("9 000 byte header", "Bearer " + "a".repeat(9_000)));
        send(service, "missing Authorization", method + " " + path + " anonymous", method, path, null, body, List.of(),
                true);
        authorizations.forEach(authorization -> send(service, "garbage Authorization",
                method + " " + path + " " + authorization.getKey(), method, path, null, body,
                List.of(Map.entry("Authorization", authorization.getValue())), true));
    }

    // ---------------------------------------------------------------- building blocks

    private record Body(byte[] bytes, String contentType, boolean chunked) {
    }

    private void command(String category, String label, BodyEndpoint endpoint, Body body) {
        send(Service.COMMAND, category, label, endpoint.method(), endpoint.path(), endpoint.caller(), body, List.of(),
                true);
    }

    private void send(Service service, String category, String label, String method, String target, String token,
            Body body, List<Map.Entry<String, String>> extraHeaders, boolean mustBeRefused) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (token != null) {
            headers.add(Map.entry("Authorization", "Bearer " + token));
        }
        if (body != null && body.contentType() != null) {
            headers.add(Map.entry("Content-Type", body.contentType()));
        }
        headers.addAll(extraHeaders);
        var request = new RawHttp.Request(method, target, headers, body == null ? null : body.bytes(),
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

    /** The JSON text with {@code insertion} at the start of its first string value (not a field name). */
    private static String intoFirstString(String json, String insertion) {
        int quote = firstStringValue(json);
        return json.substring(0, quote) + insertion + json.substring(quote);
    }

    private static int firstStringValue(String json) {
        int afterColon = json.indexOf(":\"");
        int inArray = json.indexOf("[\"");
        int start = afterColon < 0 ? inArray : inArray < 0 ? afterColon : Math.min(afterColon, inArray);
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
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 40) + "… (" + oneLine.length() + " chars)";
    }

    private static String describe(String value) {
        if (value.isEmpty()) {
            return "(empty)";
        }
        StringBuilder shown = new StringBuilder();
        value.chars().limit(12).forEach(c -> shown.append(c < 0x20 || c >= 0x7F ? String.format("\\u%04x", c)
                : String.valueOf((char) c)));
        return shown + (value.length() > 12 ? "… (" + value.length() + " chars)" : "");
    }
}
