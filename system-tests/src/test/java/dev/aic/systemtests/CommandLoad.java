package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load of commands from several client threads, the way members arrive: each new member signs in
 * for the first time ({@code POST /api/me}, a {@code UserEvent.Registered}) and then RSVPs for one
 * of the load's community events (a {@code RsvpConfirmed} or {@code RsvpWaitlisted}); one event per
 * thread, so no RSVP waits for another.
 *
 * <p>Every command's outcome is recorded as the client saw it (see {@link Outcome}). After the
 * fault, {@link #verifyAgainstTheStore()} checks each of them against the event store and the
 * command-side's set-validation table: an accepted command has its event exactly once; a refused
 * (4xx) or unsent one has none; one in doubt (5xx, or never answered because the service or its
 * database died holding it) has at most one; and no registration is half-applied (an account row
 * without its event or the other way round).
 */
final class CommandLoad implements AutoCloseable {

    /**
     * ACCEPTED: 2xx. REFUSED: 4xx, the command was judged and turned down. FAILED: 5xx, the service
     * could not finish it. NOT_SENT: the connection was refused. UNANSWERED: sent, and the
     * connection died without an answer.
     */
    enum Outcome {
        ACCEPTED,
        REFUSED,
        FAILED,
        NOT_SENT,
        UNANSWERED
    }

    private record Command(
            String kind,
            String username,
            String event,
            Outcome outcome,
            int status,
            String userId) {}

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SERVICE_BACK_WITHIN = Duration.ofMinutes(4);
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Platform platform;
    private final String prefix;
    private final List<String> events;
    private final Queue<Command> commands = new ConcurrentLinkedQueue<>();
    private final Map<Outcome, AtomicInteger> counts = new EnumMap<>(Outcome.class);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ExecutorService clients;
    private final List<Future<?>> running = new ArrayList<>();
    private final long startedAt = System.nanoTime();
    private long stoppedAt;

    private CommandLoad(Platform platform, String prefix, List<String> events) {
        this.platform = platform;
        this.prefix = prefix;
        this.events = events;
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new AtomicInteger());
        }
        this.clients = Executors.newFixedThreadPool(events.size());
    }

    /**
     * Starts {@code threads} clients; {@code prefix} (lower-case letters, digits, dashes) names
     * this load's members and must be unique in the store.
     */
    static CommandLoad start(Platform platform, String prefix, int threads) {
        String organiser = platform.token("olivia");
        Http.Reply signedIn =
                Http.to(platform.commandSide().url("/api/me")).bearer(organiser).post("{}");
        assertThat(signedIn.status()).as(signedIn.toString()).isIn(201, 409);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            events.add(
                    CommunityEvents.published(platform, organiser, "Load " + prefix + " " + i, 25));
        }
        var load = new CommandLoad(platform, prefix, List.copyOf(events));
        for (int i = 0; i < threads; i++) {
            int client = i;
            load.running.add(load.clients.submit(() -> load.drive(client)));
        }
        return load;
    }

    private void drive(int client) {
        String event = events.get(client);
        for (int n = 1; !stopping.get(); n++) {
            String username = "%s-%d-%d".formatted(prefix, client, n);
            String token = platform.token(username);
            Command registered = send("register", username, null, "/api/me", token, "{}");
            if (registered.outcome() == Outcome.ACCEPTED) {
                send("rsvp", username, event, "/api/events/" + event + "/rsvp", token, null);
            }
        }
    }

    private Command send(
            String kind, String username, String event, String path, String token, String json) {
        var request =
                HttpRequest.newBuilder(platform.commandSide().url(path))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json))
                        .build();
        Command command;
        try {
            HttpResponse<String> reply = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            boolean accepted = reply.statusCode() / 100 == 2;
            String userId =
                    accepted && kind.equals("register")
                            ? Http.JSON.readTree(reply.body()).get("id").asText()
                            : null;
            Outcome outcome =
                    accepted
                            ? Outcome.ACCEPTED
                            : reply.statusCode() >= 500 ? Outcome.FAILED : Outcome.REFUSED;
            command = new Command(kind, username, event, outcome, reply.statusCode(), userId);
        } catch (ConnectException e) {
            command = new Command(kind, username, event, Outcome.NOT_SENT, 0, null);
        } catch (IOException e) {
            command = new Command(kind, username, event, Outcome.UNANSWERED, 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Load interrupted", e);
        }
        commands.add(command);
        counts.get(command.outcome()).incrementAndGet();
        if (command.outcome() == Outcome.NOT_SENT) {
            // the service is down: wait for it as a client with back-off would, instead of spinning
            await("command-side accepting connections again")
                    .atMost(SERVICE_BACK_WITHIN)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> stopping.get() || accepting());
        }
        return command;
    }

    private boolean accepting() {
        try (var socket = new Socket("127.0.0.1", Platform.COMMAND_SIDE_PORT)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    int accepted() {
        return counts.get(Outcome.ACCEPTED).get();
    }

    /** Waits until {@code more} commands beyond those accepted so far have been answered 2xx. */
    void awaitAccepted(int more, Duration atMost) {
        int target = accepted() + more;
        await(target + " commands accepted")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> accepted() >= target);
    }

    /** Stops the clients once their current command is answered. */
    @Override
    public void close() {
        if (stopping.compareAndSet(false, true)) {
            try {
                for (Future<?> client : running) {
                    client.get();
                }
            } catch (Exception e) {
                throw new IllegalStateException("A load client failed", e);
            } finally {
                clients.shutdownNow();
                stoppedAt = System.nanoTime();
            }
        }
    }

    /** What the load did, for the test's report. */
    String summary() {
        return "%d commands in %d s from %d clients: %s, errors answered %s"
                .formatted(
                        commands.size(),
                        (stoppedAt - startedAt) / 1_000_000_000,
                        events.size(),
                        counts,
                        errorStatuses());
    }

    /** How many commands were answered with each 4xx and 5xx status. */
    Map<Integer, Integer> errorStatuses() {
        Map<Integer, Integer> answered = new java.util.TreeMap<>();
        commands.stream()
                .filter(
                        command ->
                                command.outcome() == Outcome.REFUSED
                                        || command.outcome() == Outcome.FAILED)
                .forEach(command -> answered.merge(command.status(), 1, Integer::sum));
        return answered;
    }

    /**
     * Checks every recorded command against the event store after the load stopped; fails listing
     * each command whose effect was lost, doubled or half-applied. Returns a line of figures for
     * the report.
     */
    String verifyAgainstTheStore() throws SQLException {
        return verify(true);
    }

    /**
     * Like {@link #verifyAgainstTheStore()}, for a fault that must leave no command in doubt (a
     * graceful shutdown): no command took effect without its answer. A 5xx or a connection that
     * died must have left nothing: only a request the server never read may go unanswered (an idle
     * keep-alive connection closed as the client reused it, which HTTP/1.1 cannot rule out), and a
     * client sends that one again.
     */
    String verifyNothingInDoubt() throws SQLException {
        return verify(false);
    }

    private String verify(boolean inDoubtAllowed) throws SQLException {
        Map<String, List<String>> registeredIds =
                new HashMap<>(); // username -> ids of its UserEvent.Registered events
        Map<String, String> accounts = new HashMap<>(); // username -> user id of its account row
        Map<String, Integer> rsvpEvents = new HashMap<>(); // event/member -> RSVP events
        try (var connection = platform.database();
                // the e-mail address in the payload is encrypted (docs/personal-data.md): who
                // registered is in the
                // attribution metadata, <issuer>#<username>, since members register themselves
                var registered =
                        connection.prepareStatement(
                                """
                     SELECT substring(convert_from(metadata, 'UTF8')::jsonb ->> 'actorSubject' from '#([^#]*)$'),
                            aggregateidentifier
                     FROM event_store.domainevententry
                     WHERE payloadtype = 'dev.aic.contracts.user.UserEvent$Registered'
                       AND convert_from(metadata, 'UTF8')::jsonb ->> 'actorSubject' LIKE ?""");
                var accountRows =
                        connection.prepareStatement(
                                "SELECT email, user_id::text FROM event_store.user_account WHERE email LIKE ?");
                var rsvps =
                        connection.prepareStatement(
                                """
                     SELECT aggregateidentifier, convert_from(payload, 'UTF8')::jsonb ->> 'member'
                     FROM event_store.domainevententry
                     WHERE aggregateidentifier = ANY (?) AND payloadtype IN (
                       'dev.aic.contracts.communityevent.CommunityEventEvent$RsvpConfirmed',
                       'dev.aic.contracts.communityevent.CommunityEventEvent$RsvpWaitlisted')""")) {
            registered.setString(1, "%#" + prefix + "-%");
            try (var rows = registered.executeQuery()) {
                while (rows.next()) {
                    registeredIds
                            .computeIfAbsent(rows.getString(1), u -> new ArrayList<>())
                            .add(rows.getString(2));
                }
            }
            accountRows.setString(1, prefix + "-%");
            try (var rows = accountRows.executeQuery()) {
                while (rows.next()) {
                    accounts.put(usernameOf(rows.getString(1)), rows.getString(2));
                }
            }
            rsvps.setArray(1, connection.createArrayOf("varchar", events.toArray()));
            try (var rows = rsvps.executeQuery()) {
                while (rows.next()) {
                    rsvpEvents.merge(rows.getString(1) + "/" + rows.getString(2), 1, Integer::sum);
                }
            }
        }

        List<String> violations = new ArrayList<>();
        Map<String, String> userIds = new HashMap<>();
        registeredIds.forEach(
                (username, ids) -> {
                    if (ids.size() > 1) {
                        violations.add(username + " registered " + ids.size() + " times: " + ids);
                    }
                    String account = accounts.get(username);
                    if (account == null || !ids.contains(account)) {
                        violations.add(
                                username
                                        + ": UserEvent.Registered "
                                        + ids
                                        + " but account row "
                                        + account);
                    }
                    userIds.put(username, ids.get(0));
                });
        accounts.forEach(
                (username, id) -> {
                    if (!registeredIds.containsKey(username)) {
                        violations.add(
                                username
                                        + ": account row "
                                        + id
                                        + " without a UserEvent.Registered event");
                    }
                });
        int inDoubtApplied = 0;
        for (Command command : commands) {
            int stored =
                    switch (command.kind()) {
                        case "register" ->
                                registeredIds.getOrDefault(command.username(), List.of()).size();
                        default ->
                                rsvpEvents.getOrDefault(
                                        command.event() + "/" + userIds.get(command.username()), 0);
                    };
            boolean consistent =
                    switch (command.outcome()) {
                        case ACCEPTED ->
                                stored == 1
                                        && (command.userId() == null
                                                || command.userId()
                                                        .equals(userIds.get(command.username())));
                        case REFUSED, NOT_SENT -> stored == 0;
                        // in doubt: the database may have committed before the connection broke (a
                        // crash between the
                        // commit and its acknowledgement); a client retries with its
                        // Idempotency-Key to learn which
                        case FAILED, UNANSWERED -> inDoubtAllowed ? stored <= 1 : stored == 0;
                    };
            if (!consistent) {
                violations.add(
                        "%s of %s (%s, HTTP %d) has %d events in the store"
                                .formatted(
                                        command.kind(),
                                        command.username(),
                                        command.outcome(),
                                        command.status(),
                                        stored));
            }
            if ((command.outcome() == Outcome.UNANSWERED || command.outcome() == Outcome.FAILED)
                    && stored == 1) {
                inDoubtApplied++;
            }
        }
        assertThat(violations)
                .as(
                        "commands whose effect was lost, doubled or half-applied (of %d)",
                        commands.size())
                .isEmpty();
        int rsvpTotal = rsvpEvents.values().stream().mapToInt(Integer::intValue).sum();
        return ("verified %d commands against the store: %d UserEvent.Registered + %d account rows + %d RSVP events for %d"
                        + " accepted; %d refused or unsent left nothing; %d in doubt (5xx or unanswered), of which %d were"
                        + " applied, whole")
                .formatted(
                        commands.size(),
                        registeredIds.size(),
                        accounts.size(),
                        rsvpTotal,
                        counts.get(Outcome.ACCEPTED).get(),
                        counts.get(Outcome.REFUSED).get() + counts.get(Outcome.NOT_SENT).get(),
                        counts.get(Outcome.FAILED).get() + counts.get(Outcome.UNANSWERED).get(),
                        inDoubtApplied);
    }

    private static String usernameOf(String email) {
        return email.substring(0, email.indexOf('@'));
    }
}
