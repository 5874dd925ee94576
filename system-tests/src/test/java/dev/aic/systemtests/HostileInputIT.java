package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aic.systemtests.HostileRequests.Probe;
import dev.aic.systemtests.HostileRequests.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The quality bar for bad input, measured over real processes: a few thousand hostile requests to
 * every endpoint of both services, users and community events alike ({@link HostileRequests}), one
 * test per kind of hostility. In each, no answer is a 5xx, every 4xx is an RFC 9457 problem with
 * one of our types, no invalid request succeeds, and the event store holds as many events caused by
 * callers afterwards as before (the platform's own work, such as the ai-worker's reports on earlier
 * uploads, goes on meanwhile). The figures for all of them are printed at the end, and every
 * offending request is listed in {@code target/hostile-input.txt}.
 */
class HostileInputIT {

    private static final String PROBLEM_TYPE = "urn:aic:problem:";
    private static final Path REPORT = Path.of("target", "hostile-input.txt");
    private static final int SHOWN = 12;

    private static final Platform PLATFORM = Platform.shared();
    private static final Map<Integer, Integer> PER_STATUS = new TreeMap<>();
    private static final Map<String, Integer> PER_CATEGORY = new TreeMap<>();
    private static final Map<String, List<String>> OFFENDERS = new LinkedHashMap<>();
    private static final long[] EVENTS = {-1, -1};

    @TestFactory
    Stream<DynamicTest> everyKindOfHostileRequestGetsAProblemAndStoresNothing() {
        var targets =
                new HostileRequests.Targets(
                        PLATFORM.token("adam"),
                        PLATFORM.token("alice"),
                        // a role-less caller of its own: the shared demo newbie may have registered
                        // in another suite
                        PLATFORM.token("newbie-" + UUID.randomUUID().toString().substring(0, 8)),
                        registeredMemberAndAnotherUser(),
                        PLATFORM.token("olivia"),
                        publishedCommunityEvent(),
                        projectedDocument());
        Map<String, List<Probe>> byCategory =
                HostileRequests.against(targets).stream()
                        .collect(
                                Collectors.groupingBy(
                                        Probe::category, LinkedHashMap::new, Collectors.toList()));
        EVENTS[0] = PLATFORM.storedEventsCausedByCallers();
        return byCategory.entrySet().stream()
                .map(
                        category ->
                                DynamicTest.dynamicTest(
                                        category.getKey()
                                                + " ("
                                                + category.getValue().size()
                                                + " requests)",
                                        () ->
                                                refusedWithProblems(
                                                        category.getKey(), category.getValue())));
    }

    private static void refusedWithProblems(String category, List<Probe> probes) {
        long eventsBefore = PLATFORM.storedEventsCausedByCallers();
        List<String> serverErrors = new ArrayList<>();
        List<String> notProblems = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        for (Probe probe : probes) {
            RawHttp.Response response =
                    RawHttp.send(
                            probe.service() == Service.COMMAND
                                    ? Platform.COMMAND_SIDE_PORT
                                    : Platform.QUERY_SIDE_PORT,
                            probe.request());
            PER_STATUS.merge(response.status(), 1, Integer::sum);
            PER_CATEGORY.merge(category, 1, Integer::sum);
            String outcome =
                    probe.service()
                            + " "
                            + probe.label()
                            + " -> "
                            + response.status()
                            + " "
                            + response.contentType()
                            + " "
                            + abbreviate(response.body());
            if (response.status() >= 500) {
                serverErrors.add(outcome);
            } else if (response.status() >= 400 && !isProblem(response)) {
                notProblems.add(outcome);
            } else if (response.status() < 400 && probe.mustBeRefused()) {
                accepted.add(outcome);
            }
        }
        long eventsAfter = PLATFORM.storedEventsCausedByCallers();
        EVENTS[1] = eventsAfter;

        Map<String, List<String>> broken = new LinkedHashMap<>();
        broken.put("answered 5xx", serverErrors);
        broken.put(
                "answered 4xx without an application/problem+json body of type "
                        + PROBLEM_TYPE
                        + "*",
                notProblems);
        broken.put("invalid, yet accepted", accepted);
        broken.forEach(
                (kind, offenders) ->
                        offenders.forEach(
                                offender ->
                                        OFFENDERS
                                                .computeIfAbsent(
                                                        category + ": " + kind,
                                                        key -> new ArrayList<>())
                                                .add(offender)));
        assertThat(report(broken, SHOWN))
                .as("%s requests that broke the rules (all of them in %s)", category, REPORT)
                .isEmpty();
        assertThat(eventsAfter)
                .as("events in the store after %d requests of kind '%s'", probes.size(), category)
                .isEqualTo(eventsBefore);
    }

    @AfterAll
    static void printTheFigures() {
        int requests = PER_STATUS.values().stream().mapToInt(Integer::intValue).sum();
        int serverErrors =
                PER_STATUS.entrySet().stream()
                        .filter(entry -> entry.getKey() >= 500)
                        .mapToInt(Map.Entry::getValue)
                        .sum();
        System.out.printf(
                "%nHostile input: %d requests; per status %s%n  per kind %s%n"
                        + "  5xx: %d, offending answers: %d (listed in %s), events stored before/after: %d/%d%n%n",
                requests,
                PER_STATUS,
                PER_CATEGORY,
                serverErrors,
                OFFENDERS.values().stream().mapToInt(List::size).sum(),
                REPORT,
                EVENTS[0],
                EVENTS[1]);
        StringBuilder all = new StringBuilder();
        OFFENDERS.forEach(
                (kind, offenders) ->
                        all.append(report(Map.of(kind, offenders), Integer.MAX_VALUE)));
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(
                    REPORT, all.isEmpty() ? "No hostile request broke the rules.\n" : all + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes sure alice is registered (her self-registration is probed) and returns the id of a user
     * to aim at.
     */
    private static String registeredMemberAndAnotherUser() {
        Http.Reply alice =
                Http.to(PLATFORM.commandSide().url("/api/me"))
                        .bearer(PLATFORM.token("alice"))
                        .post("{}");
        assertThat(alice.status()).as(alice.toString()).isIn(200, 201, 409);
        Http.Reply target =
                Http.to(PLATFORM.commandSide().url("/api/users"))
                        .bearer(PLATFORM.token("adam"))
                        .post(
                                "{\"email\":\"target-"
                                        + UUID.randomUUID()
                                        + "@example.org\",\"displayName\":\"Target\"}");
        assertThat(target.status()).as(target.toString()).isEqualTo(201);
        return target.json().get("id").asText();
    }

    /**
     * A community event olivia (an organiser) drafted and published, which the event requests aim
     * at.
     */
    private static String publishedCommunityEvent() {
        String olivia = PLATFORM.token("olivia");
        Http.Reply organiser =
                Http.to(PLATFORM.commandSide().url("/api/me")).bearer(olivia).post("{}");
        assertThat(organiser.status()).as(organiser.toString()).isIn(201, 409);
        Instant startsAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MINUTES);
        Http.Reply drafted =
                Http.to(PLATFORM.commandSide().url("/api/events"))
                        .bearer(olivia)
                        .post(
                                Http.JSON
                                        .createObjectNode()
                                        .put("title", "Hostile target")
                                        .put("startsAt", startsAt.toString())
                                        .put(
                                                "endsAt",
                                                startsAt.plus(Duration.ofHours(2)).toString())
                                        .put("timeZone", "Europe/Amsterdam")
                                        .put("venue", "Hall 1")
                                        .put("capacity", 20)
                                        .put("visibility", "PUBLIC")
                                        .toString());
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        String event = drafted.json().get("id").asText();
        Http.Reply published =
                Http.to(PLATFORM.commandSide().url("/api/events/" + event + "/publish"))
                        .bearer(olivia)
                        .sendJson("POST", null);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return event;
    }

    /**
     * A document olivia uploaded for every member to read, once the query-side has it: the download
     * requests aim at it.
     */
    private static String projectedDocument() {
        String olivia = PLATFORM.token("olivia");
        Http.Reply uploaded =
                Http.to(PLATFORM.commandSide().url("/api/documents"))
                        .bearer(olivia)
                        .multipart(
                                "POST",
                                Map.of("title", "Hostile target notes", "visibility", "MEMBERS"),
                                "hostile-target.txt",
                                ("Notes to download by ranges " + UUID.randomUUID())
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String document = uploaded.json().get("id").asText();
        String consistencyToken = uploaded.json().get("consistencyToken").asText();
        org.awaitility.Awaitility.await("the query-side serves " + document)
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                Http.to(
                                                PLATFORM.querySide()
                                                        .url(
                                                                "/api/documents/"
                                                                        + document
                                                                        + "/content"))
                                        .bearer(PLATFORM.token("alice"))
                                        .header("Consistency-Token", consistencyToken)
                                        .get(),
                        reply -> reply.status() == 200);
        return document;
    }

    private static boolean isProblem(RawHttp.Response response) {
        if (!response.contentType().startsWith("application/problem+json")) {
            return false;
        }
        try {
            JsonNode type = Http.JSON.readTree(response.body()).get("type");
            return type != null && type.asText().startsWith(PROBLEM_TYPE);
        } catch (IOException e) {
            return false;
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 100) + "…";
    }

    private static String report(Map<String, List<String>> broken, int shownPerKind) {
        StringBuilder report = new StringBuilder();
        broken.forEach(
                (kind, offenders) -> {
                    if (!offenders.isEmpty()) {
                        report.append("\n  ")
                                .append(offenders.size())
                                .append(' ')
                                .append(kind)
                                .append(':');
                        offenders.stream()
                                .limit(shownPerKind)
                                .forEach(line -> report.append("\n    ").append(line));
                        if (offenders.size() > shownPerKind) {
                            report.append("\n    … and ")
                                    .append(offenders.size() - shownPerKind)
                                    .append(" more");
                        }
                    }
                });
        return report.toString();
    }
}
