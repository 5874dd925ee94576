package dev.aic.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./platform up}'s demo activity: a year of members, community events with RSVPs, waiting
 * lists, cancellations and check-ins, documents, searches and questions, played through the real
 * API as the people involved, so every figure an analyst sees comes from real events. Each request
 * names its time in {@code AIC-Demo-Time}, which the services honour only on a development machine
 * ({@code aic.demo.backdating-allowed}, docs/analytics.md).
 *
 * <p>Writes go one at a time, from one client: a processor reading the event store stops waiting
 * for a position whose transaction is still open once it reads an event stamped longer ago than the
 * gap timeout (docs/operations.md), and every event here is stamped in the past. Searches, which
 * store no events, run on {@code --concurrency} clients.
 *
 * <p>Running it again adds nothing: the plan's last member registered, its last community event
 * listed and its searches for what the hub lacks counted by the analytics API mean those parts were
 * loaded; within a part, members already registered answer 409, documents already uploaded are
 * recognised by their bytes, and a community event drafted again within a day replays its {@code
 * Idempotency-Key}.
 */
public final class DemoActivity {

    private static final String DEMO_TIME = "AIC-Demo-Time";
    private static final Duration DOCUMENT_TIMEOUT = Duration.ofSeconds(180);

    private final Http http = new Http();
    private final URI command;
    private final URI query;
    private final URI issuer;
    private final String secret;
    private final Path documents;
    private final int concurrency;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final List<String> loadedBefore = new ArrayList<>();

    private DemoActivity(
            URI command, URI query, URI issuer, String secret, Path documents, int concurrency) {
        this.command = command;
        this.query = query;
        this.issuer = issuer;
        this.secret = secret;
        this.documents = documents;
        this.concurrency = concurrency;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (CommandLine.Option option : CommandLine.options(args)) {
            options.put(option.name(), option.value());
        }
        DemoActivity activity =
                new DemoActivity(
                        URI.create(options.getOrDefault("--command-url", "http://127.0.0.1:8081")),
                        URI.create(options.getOrDefault("--query-url", "http://127.0.0.1:8082")),
                        URI.create(options.getOrDefault("--issuer-url", "http://127.0.0.1:9000")),
                        System.getenv().getOrDefault("AIC_DEV_IDENTITY_SECRET", "dev-secret"),
                        Path.of(options.getOrDefault("--documents", "docs")),
                        Integer.parseInt(options.getOrDefault("--concurrency", "4")));
        DemoPlan plan =
                DemoPlan.of(
                        Instant.now(),
                        Long.parseLong(options.getOrDefault("--seed", "18")),
                        Integer.parseInt(options.getOrDefault("--members", "360")),
                        Integer.parseInt(options.getOrDefault("--events", "36")),
                        Integer.parseInt(options.getOrDefault("--searches", "320")),
                        // inside the search facts' retention (90 days by default)
                        Integer.parseInt(options.getOrDefault("--search-days", "80")));
        long started = System.nanoTime();
        activity.run(plan);
        System.out.printf(
                "demo activity: %s in %.0f s%n",
                activity.summary(), (System.nanoTime() - started) / 1e9);
    }

    private void run(DemoPlan plan) throws Exception {
        http.requireReady(command, query);
        Instant now = Instant.now();
        Map<String, String> userIds = new ConcurrentHashMap<>();
        uploadDocuments(now);
        if (!withInterests(plan.members().get(plan.members().size() - 1))) {
            registerMembers(plan.members(), userIds);
        } else {
            loadedBefore.add("members");
        }
        if (!listed(plan.communityEvents().get(plan.communityEvents().size() - 1))) {
            signIn(plan.members(), userIds);
            for (int k = 0; k < plan.communityEvents().size(); k++) {
                runCommunityEvent(k, plan.communityEvents().get(k), plan.members(), userIds);
            }
        } else {
            loadedBefore.add("community events");
        }
        if (!searchedForNothing()) {
            search(plan);
        } else {
            loadedBefore.add("searches");
        }
    }

    /**
     * Whether the member is registered with their interests: members are loaded in the plan's
     * order, one at a time, so for its last member all are.
     */
    private boolean withInterests(DemoPlan.Member member) throws IOException, InterruptedException {
        Http.Response me = http.get(URI.create(query + "/api/me"), token(member.username()));
        return me.status() == 200 && !me.body().path("interests").isEmpty();
    }

    /**
     * Whether the plan's last community event, one still to come, is listed: the community events
     * run in the plan's order.
     */
    private boolean listed(DemoPlan.CommunityEvent last) throws IOException, InterruptedException {
        Http.Response found =
                http.get(
                        URI.create(
                                query
                                        + "/api/events?limit=100&q="
                                        + URLEncoder.encode(last.title(), StandardCharsets.UTF_8)),
                        token("olivia"));
        for (JsonNode event : found.body().path("items")) {
            if (last.title().equals(event.path("title").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the analytics API (as the analyst anna) already counts the demo's searches for what
     * the knowledge hub does not have: no one else searches for them.
     */
    private boolean searchedForNothing() throws IOException, InterruptedException {
        Http.Response top =
                http.get(
                        URI.create(query + "/api/analytics/top/zero-result-queries?size=100"),
                        token("anna"));
        Set<String> found = new HashSet<>();
        top.body().path("entries").forEach(entry -> found.add(entry.path("value").asText()));
        return found.containsAll(DemoPlan.NOT_FOUND);
    }

    /**
     * The platform's own documentation as the knowledge hub's documents, uploaded over the last two
     * months, and two that fail (no text; a broken PDF) so ingestion health has failures to show.
     * Waits until the ai-worker processed them all: its reports are written now, and must not
     * commit among the backdated writes that follow.
     */
    private void uploadDocuments(Instant now) throws Exception {
        record Upload(String uploader, String file, String type, byte[] bytes, long daysAgo) {}
        List<Upload> uploads = new ArrayList<>();
        String[] files = {
            "architecture.md",
            "analytics.md",
            "projections.md",
            "knowledge-hub.md",
            "personal-data.md"
        };
        String[] uploaders = {"olivia", "alice", "bob", "olivia", "alice"};
        for (int i = 0; i < files.length; i++) {
            Path file = documents.resolve(files[i]);
            if (Files.isRegularFile(file)) {
                uploads.add(
                        new Upload(
                                uploaders[i],
                                files[i],
                                "text/markdown",
                                Files.readAllBytes(file),
                                55 - 11L * i));
            }
        }
        uploads.add(
                new Upload(
                        "bob",
                        "scan.html",
                        "text/html",
                        "<html><head><title></title></head><body><img src=\"scan.png\"></body></html>"
                                .getBytes(StandardCharsets.UTF_8),
                        20));
        uploads.add(
                new Upload(
                        "olivia",
                        "slides.pdf",
                        "application/pdf",
                        "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n"
                                .getBytes(StandardCharsets.US_ASCII),
                        9));
        List<String> ids = new ArrayList<>();
        for (Upload upload : uploads) {
            Http.Response answer =
                    http.postFile(
                            URI.create(command + "/api/documents"),
                            token(upload.uploader()),
                            Map.of(
                                    "title", upload.file(),
                                    "tags", "demo",
                                    "visibility", "MEMBERS"),
                            upload.file(),
                            upload.type(),
                            upload.bytes(),
                            at(now.minus(Duration.ofDays(upload.daysAgo()))));
            require(answer.status() == 201 || answer.status() == 200, "upload", answer);
            ids.add(answer.body().path("id").asText());
            count(answer.status() == 201 ? "documents uploaded" : "documents already there");
        }
        Instant deadline = Instant.now().plus(DOCUMENT_TIMEOUT);
        for (String id : ids) {
            while (true) {
                Http.Response document =
                        http.get(URI.create(query + "/api/documents/" + id), token("olivia"));
                String state = document.body().path("processing").path("status").asText();
                if (state.equals("INDEXED") || state.equals("FAILED")) {
                    count(state.equals("INDEXED") ? "documents indexed" : "documents failed");
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "document " + id + " still " + state + " after " + DOCUMENT_TIMEOUT);
                }
                Thread.sleep(250);
            }
        }
    }

    /** Each member signs in, registers at their time and states their interests. */
    private void registerMembers(List<DemoPlan.Member> members, Map<String, String> userIds)
            throws Exception {
        signIn(members, userIds);
        URI me = URI.create(command + "/api/me");
        for (int i = 0; i < members.size(); i++) {
            DemoPlan.Member member = members.get(i);
            Http.Exchange registered =
                    http.send(
                            "POST",
                            me,
                            token(member.username()),
                            http.object().put("displayName", displayName(member)),
                            at(member.registeredAt()));
            String id;
            if (registered.status() == 409) {
                id = registered.body().path("userId").asText();
                userIds.put(member.username(), id);
                if (withInterests(member)) {
                    count("members already there");
                    continue;
                }
                // registered by a run that stopped before their profile
                count("members completed");
            } else {
                require(registered.status() == 201, "POST /api/me", registered.response());
                id = registered.body().path("id").asText();
                userIds.put(member.username(), id);
                count("members registered");
            }
            ObjectNode profile = http.object().put("displayName", displayName(member));
            member.interests().forEach(profile.putArray("interests")::add);
            write(
                    "PUT",
                    "/api/users/" + id + "/profile",
                    member.username(),
                    profile,
                    member.registeredAt().plus(Duration.ofMinutes(3)),
                    "profiles with interests");
            Instant later = member.registeredAt().plus(Duration.ofDays(30));
            if (i % 40 == 17) {
                ObjectNode roles = http.object();
                roles.putArray("roles").add("MEMBER").add("ORGANIZER");
                write(
                        "PUT",
                        "/api/users/" + id + "/roles",
                        "adam",
                        roles,
                        member.registeredAt().plus(Duration.ofDays(1)),
                        "members made organisers");
            } else if (i % 29 == 3 && later.isBefore(Instant.now())) {
                write(
                        "POST",
                        "/api/users/" + id + "/deactivate",
                        "adam",
                        http.object().put("reason", "left the community"),
                        later,
                        "members deactivated");
            }
        }
    }

    /**
     * olivia drafts and publishes the community event, members RSVP in the day before it (some give
     * up their place, which promotes the first on the waiting list), she checks in most of those
     * with a seat, or cancels it.
     */
    private void runCommunityEvent(
            int k,
            DemoPlan.CommunityEvent plan,
            List<DemoPlan.Member> members,
            Map<String, String> userIds)
            throws Exception {
        ObjectNode draft =
                http.object()
                        .put("title", plan.title())
                        .put("description", "A community event of the demo year")
                        .put("startsAt", plan.startsAt().toString())
                        .put("endsAt", plan.startsAt().plus(Duration.ofHours(2)).toString())
                        .put("timeZone", "Europe/Amsterdam")
                        .put("capacity", plan.capacity())
                        .put("visibility", plan.visibility());
        if (plan.hasVenue()) {
            draft.put("venue", "Library, room " + (1 + k % 4));
        }
        if (plan.online()) {
            draft.put("onlineLink", "https://meet.example.org/aic-" + (k + 1));
        }
        plan.tags().forEach(draft.putArray("tags")::add);
        Map<String, String> headers = new HashMap<>(at(plan.draftedAt()));
        headers.put("Idempotency-Key", "demo-activity-event-" + (k + 1));
        Http.Exchange drafted =
                http.send(
                        "POST",
                        URI.create(command + "/api/events"),
                        token("olivia"),
                        draft,
                        headers);
        require(drafted.status() == 201, "POST /api/events", drafted.response());
        if (drafted.headers().firstValue("Idempotent-Replayed").isPresent()) {
            count("community events already there");
            return;
        }
        count("community events drafted");
        String event = "/api/events/" + drafted.body().path("id").asText();
        if (!plan.published()) {
            return;
        }
        write(
                "POST",
                event + "/publish",
                "olivia",
                null,
                plan.draftedAt().plus(Duration.ofHours(1)),
                "community events published");

        record Step(Instant at, int member, boolean rsvp) {}
        List<Step> steps = new ArrayList<>();
        for (DemoPlan.Rsvp rsvp : plan.rsvps()) {
            steps.add(new Step(rsvp.at(), rsvp.member(), true));
            if (rsvp.cancelledAt() != null) {
                steps.add(new Step(rsvp.cancelledAt(), rsvp.member(), false));
            }
        }
        steps.sort(Comparator.comparing(Step::at));
        Set<Integer> confirmed = new LinkedHashSet<>();
        Deque<Integer> waiting = new ArrayDeque<>();
        for (Step step : steps) {
            String username = members.get(step.member()).username();
            if (step.rsvp()) {
                Http.Exchange answer =
                        http.send(
                                "POST",
                                URI.create(command + event + "/rsvp"),
                                token(username),
                                null,
                                at(step.at()));
                require(
                        answer.status() == 200 || answer.status() == 201,
                        "RSVP",
                        answer.response());
                if ("WAITLISTED".equals(answer.body().path("status").asText())) {
                    waiting.add(step.member());
                    count("waiting-list places");
                } else {
                    confirmed.add(step.member());
                    count("RSVPs confirmed");
                }
            } else {
                write("DELETE", event + "/rsvp", username, null, step.at(), "RSVPs cancelled");
                if (confirmed.remove(step.member()) && !waiting.isEmpty()) {
                    confirmed.add(waiting.poll());
                    count("promotions from the waiting list");
                } else {
                    waiting.remove(step.member());
                }
            }
        }
        if (plan.cancelledAt() != null) {
            write(
                    "POST",
                    event + "/cancel",
                    "olivia",
                    http.object().put("reason", "the speaker is ill"),
                    plan.cancelledAt(),
                    "community events cancelled");
            return;
        }
        Random arrivals = new Random(k);
        Instant checkIn = plan.startsAt().plus(Duration.ofMinutes(5));
        for (int member : confirmed) {
            checkIn = checkIn.plusSeconds(20 + arrivals.nextInt(60));
            if (arrivals.nextDouble() < plan.attendance() && checkIn.isBefore(Instant.now())) {
                write(
                        "POST",
                        event + "/check-ins",
                        "olivia",
                        http.object().put("userId", userIds.get(members.get(member).username())),
                        checkIn,
                        "check-ins");
            }
        }
    }

    /** Searches and questions from {@code --concurrency} clients; some members open a result. */
    private void search(DemoPlan plan) throws Exception {
        List<Callable<Void>> calls = new ArrayList<>();
        for (DemoPlan.Search search : plan.searches()) {
            String username = plan.members().get(search.member()).username();
            calls.add(
                    () -> {
                        Http.Exchange answer;
                        if (search.mode().equals("ask")) {
                            answer =
                                    http.send(
                                            "POST",
                                            URI.create(query + "/api/ask"),
                                            token(username),
                                            http.object().put("question", search.text()),
                                            at(search.at()));
                            count(answer.status() == 200 ? "questions asked" : "questions refused");
                            return null;
                        }
                        answer =
                                http.send(
                                        "GET",
                                        URI.create(
                                                query
                                                        + "/api/search?mode="
                                                        + search.mode()
                                                        + "&q="
                                                        + URLEncoder.encode(
                                                                search.text(),
                                                                StandardCharsets.UTF_8)),
                                        token(username),
                                        null,
                                        at(search.at()));
                        if (answer.status() != 200) {
                            count("searches refused");
                            return null;
                        }
                        JsonNode results = answer.body().path("results");
                        count(results.isEmpty() ? "searches that found nothing" : "searches");
                        String searchId = answer.headers().firstValue("Search-Id").orElse(null);
                        if (search.opensAResult() && !results.isEmpty() && searchId != null) {
                            int rank = Math.min(results.size(), search.member() % 3 == 0 ? 2 : 1);
                            Http.Exchange click =
                                    http.send(
                                            "POST",
                                            URI.create(query + "/api/search/feedback"),
                                            token(username),
                                            http.object()
                                                    .put("searchId", searchId)
                                                    .put(
                                                            "documentId",
                                                            results.get(rank - 1)
                                                                    .path("documentId")
                                                                    .asText())
                                                    .put("rank", rank),
                                            at(search.at().plusSeconds(25)));
                            count(click.status() == 202 ? "results opened" : "feedback refused");
                        }
                        return null;
                    });
        }
        ExecutorService clients =
                Executors.newFixedThreadPool(concurrency, Threads.named("demo-search"));
        try {
            for (Future<Void> call : clients.invokeAll(calls)) {
                call.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Tokens for everyone in the plan, fetched by {@code --concurrency} clients, and the user ids
     * of those an earlier run registered (the check-ins name them).
     */
    private void signIn(List<DemoPlan.Member> members, Map<String, String> userIds)
            throws Exception {
        List<Callable<Void>> fetches = new ArrayList<>();
        for (DemoPlan.Member member : members) {
            fetches.add(
                    () -> {
                        String token = token(member.username());
                        if (!userIds.containsKey(member.username())) {
                            Http.Response me = http.get(URI.create(query + "/api/me"), token);
                            if (me.status() == 200) {
                                userIds.put(member.username(), me.body().path("id").asText());
                            }
                        }
                        return null;
                    });
        }
        ExecutorService clients =
                Executors.newFixedThreadPool(concurrency, Threads.named("demo-sign-in"));
        try {
            for (Future<Void> fetch : clients.invokeAll(fetches)) {
                fetch.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private void write(
            String method, String path, String username, JsonNode body, Instant at, String what)
            throws IOException, InterruptedException {
        Http.Exchange answer =
                http.send(method, URI.create(command + path), token(username), body, at(at));
        require(answer.status() / 100 == 2, method + " " + path, answer.response());
        count(what);
    }

    private String token(String username) {
        return tokens.computeIfAbsent(
                username,
                name -> {
                    try {
                        return "Bearer " + AccessToken.clientCredentials(issuer, name, secret);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
    }

    private static Map<String, String> at(Instant instant) {
        return Map.of(DEMO_TIME, instant.toString());
    }

    private static String displayName(DemoPlan.Member member) {
        return "Demo member " + member.username().substring("demo-member-".length());
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    private String summary() {
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add(e.getValue() + " " + e.getKey()));
        if (!loadedBefore.isEmpty()) {
            parts.add(String.join(" and ", loadedBefore) + " already loaded by an earlier run");
        }
        return parts.isEmpty() ? "nothing new: already loaded" : String.join(", ", parts);
    }

    private static void require(boolean ok, String what, Http.Response answer) {
        if (!ok) {
            throw new IllegalStateException(
                    what + " answered " + answer.status() + ": " + answer.body());
        }
    }
}
