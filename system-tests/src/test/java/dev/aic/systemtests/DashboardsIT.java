package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards (deploy/monitoring/dashboards) checked against reality. Grafana cannot run
 * here, so a real Prometheus (Debian's package, installed by deploy/monitoring/check) scrapes the
 * running platform while a member does what members do — registers, RSVPs, gives up a seat,
 * uploads, searches, asks — and every query of every panel must then return series. A panel whose
 * metric was renamed, never registered or lost a label it groups by comes back empty and fails
 * here.
 */
class DashboardsIT {

    private static final Path DASHBOARDS =
            Path.of(
                    System.getProperty("aic.services.dir", ".."),
                    "deploy",
                    "monitoring",
                    "dashboards");
    private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

    private final Platform platform = Platform.shared();
    private Process prometheus;

    @AfterEach
    void stopPrometheus() {
        if (prometheus != null) {
            prometheus.destroy();
        }
    }

    @Test
    void everyPanelOfEveryDashboardShowsSeriesFromTheRunningPlatform() throws Exception {
        URI prometheusUrl = startPrometheus();
        // every scrape succeeds: a service whose exposition Prometheus cannot parse is down to it,
        // with the reason
        await("Prometheus scrapes the three services")
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> {
                            JsonNode targets =
                                    Http.to(prometheusUrl.resolve("/api/v1/targets"))
                                            .get()
                                            .json()
                                            .path("data")
                                            .path("activeTargets");
                            List<String> notUp = new ArrayList<>();
                            targets.forEach(
                                    target -> {
                                        if (!target.path("health").asText().equals("up")) {
                                            notUp.add(
                                                    target.path("scrapeUrl").asText()
                                                            + " "
                                                            + target.path("health").asText()
                                                            + ": "
                                                            + target.path("lastError").asText());
                                        }
                                    });
                            assertThat(targets).hasSize(3);
                            assertThat(notUp).as("targets Prometheus cannot scrape").isEmpty();
                        });

        membersUseThePlatform();
        // the reconciliation publishes its findings after its first check, a minute after the start
        await("the reconciliation's first findings")
                .atMost(Duration.ofMinutes(3))
                .until(() -> !query(prometheusUrl, "aic_projection_missing_events").isEmpty());
        // rates need two scrapes of every counter the load created: every panel must show series
        // within a few
        int queries = countQueries();
        System.out.printf(
                "dashboards: %d queries of %d dashboards to run against Prometheus%n",
                queries, dashboards().size());
        assertThat(queries).isGreaterThan(30);
        await("every panel shows series")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(SCRAPE_INTERVAL)
                .untilAsserted(
                        () -> {
                            List<String> empty = emptyPanels(prometheusUrl);
                            if (!empty.isEmpty()) {
                                // what there is instead, to tell a renamed metric from a missing
                                // one
                                Files.writeString(
                                        Path.of("target", "prometheus", "metric-names.json"),
                                        Http.to(
                                                        prometheusUrl.resolve(
                                                                "/api/v1/label/__name__/values"))
                                                .get()
                                                .body());
                            }
                            assertThat(empty)
                                    .as(
                                            "panels that show nothing (metric names: target/prometheus/metric-names.json)")
                                    .isEmpty();
                        });
    }

    private static List<String> emptyPanels(URI prometheusUrl) throws IOException {
        List<String> empty = new ArrayList<>();
        for (Path dashboard : dashboards()) {
            JsonNode json = Http.JSON.readTree(Files.readString(dashboard));
            for (JsonNode panel : json.get("panels")) {
                for (JsonNode target : panel.get("targets")) {
                    String expr = target.get("expr").asText().replace("$__rate_interval", "1m");
                    if (query(prometheusUrl, expr).isEmpty()) {
                        empty.add(
                                dashboard.getFileName()
                                        + " / "
                                        + panel.get("title").asText()
                                        + ": "
                                        + expr);
                    }
                }
            }
        }
        return empty;
    }

    private static int countQueries() throws IOException {
        int queries = 0;
        for (Path dashboard : dashboards()) {
            for (JsonNode panel : Http.JSON.readTree(Files.readString(dashboard)).get("panels")) {
                queries += panel.get("targets").size();
            }
        }
        return queries;
    }

    private URI startPrometheus() throws IOException {
        Path home = Path.of("target", "prometheus").toAbsolutePath();
        try (Stream<Path> old = Files.exists(home) ? Files.walk(home) : Stream.empty()) {
            old.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
        Files.createDirectories(home);
        // metrics on the API port need a token; an admin's serves for the scrape
        String token = platform.token("adam");
        StringBuilder config =
                new StringBuilder(
                        "global:\n  scrape_interval: "
                                + SCRAPE_INTERVAL.toSeconds()
                                + "s\n"
                                + "scrape_configs:\n");
        for (Map.Entry<String, ServiceProcess> service :
                Map.of(
                                "command-side",
                                platform.commandSide(),
                                "query-side",
                                platform.querySide(),
                                "ai-worker",
                                platform.aiWorker())
                        .entrySet()) {
            URI url = service.getValue().url("/");
            config.append(
                    """
                      - job_name: %s
                        metrics_path: /actuator/prometheus
                        authorization: {credentials: "%s"}
                        static_configs: [{targets: ["%s:%d"]}]
                    """
                            .formatted(service.getKey(), token, url.getHost(), url.getPort()));
        }
        Path file = home.resolve("prometheus.yml");
        Files.writeString(file, config);
        int port = freePort();
        prometheus =
                new ProcessBuilder(
                                prometheusBinary(),
                                "--config.file=" + file,
                                "--storage.tsdb.path=" + home.resolve("data"),
                                "--web.listen-address=127.0.0.1:" + port)
                        .redirectErrorStream(true)
                        .redirectOutput(home.resolve("prometheus.log").toFile())
                        .start();
        return URI.create("http://127.0.0.1:" + port);
    }

    private static String prometheusBinary() {
        Path binary = Path.of("/usr/bin/prometheus");
        assertThat(binary)
                .as(
                        "Debian's prometheus package; deploy/monitoring/check (./platform test) installs it")
                .isExecutable();
        return binary.toString();
    }

    /**
     * Enough of every feature that each dashboard's counters exist: RSVPs and a promotion e-mail, a
     * document, searches.
     */
    private void membersUseThePlatform() {
        // olivia organises in the development directory; she may have signed in for another test
        // already
        String organiser = platform.token("olivia");
        String first = platform.token("dash-first-" + suffix());
        String second = platform.token("dash-second-" + suffix());
        for (String member : List.of(organiser, first, second)) {
            Http.Reply registered =
                    Http.to(platform.commandSide().url("/api/me")).bearer(member).post("{}");
            assertThat(registered.status()).as(registered.toString()).isIn(201, 409);
        }
        String event = CommunityEvents.published(platform, organiser, "Dashboards evening", 1);
        for (String member : List.of(first, second)) {
            Http.Reply rsvp =
                    Http.to(platform.commandSide().url("/api/events/" + event + "/rsvp"))
                            .bearer(member)
                            .sendJson("POST", null);
            assertThat(rsvp.status()).as(rsvp.toString()).isBetween(200, 201);
        }
        Http.Reply cancelled =
                Http.to(platform.commandSide().url("/api/events/" + event + "/rsvp"))
                        .bearer(first)
                        .sendJson("DELETE", null);
        assertThat(cancelled.status()).as(cancelled.toString()).isBetween(200, 204);

        Http.Reply uploaded =
                Http.to(platform.commandSide().url("/api/documents"))
                        .bearer(first)
                        .multipart(
                                "POST",
                                Map.of("title", "Dashboards notes", "visibility", "MEMBERS"),
                                "notes.md",
                                "# Observability\n\nEvery panel of a dashboard must show what the platform does.\n"
                                        .getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String document = uploaded.json().get("id").asText();
        String consistency =
                uploaded.headers().entrySet().stream()
                        .filter(header -> header.getKey().equalsIgnoreCase("Consistency-Token"))
                        .map(header -> header.getValue().get(0))
                        .findFirst()
                        .orElseThrow();
        // read-your-writes: the query waits for the projections (202 if they are not there within
        // its wait)
        await("the upload is readable")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                Http.to(platform.querySide().url("/api/documents/" + document))
                                                .bearer(first)
                                                .header("Consistency-Token", consistency)
                                                .get()
                                                .status()
                                        == 200);
        await("the document is indexed")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () ->
                                "INDEXED"
                                        .equals(
                                                Http.to(
                                                                platform.querySide()
                                                                        .url(
                                                                                "/api/documents/"
                                                                                        + document))
                                                        .bearer(first)
                                                        .get()
                                                        .json()
                                                        .path("processing")
                                                        .path("status")
                                                        .asText()));

        for (String mode : List.of("semantic", "fulltext", "hybrid")) {
            Http.Reply found =
                    Http.to(
                                    platform.querySide()
                                            .url(
                                                    "/api/search?mode="
                                                            + mode
                                                            + "&q="
                                                            + URLEncoder.encode(
                                                                    "what must a panel show",
                                                                    StandardCharsets.UTF_8)))
                            .bearer(second)
                            .get();
            assertThat(found.status()).as(found.toString()).isEqualTo(200);
        }
        Http.Reply asked =
                Http.to(platform.querySide().url("/api/ask"))
                        .bearer(second)
                        .post("{\"question\": \"What must every panel show?\"}");
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
    }

    private static JsonNode query(URI prometheus, String expr) {
        Http.Reply reply =
                Http.to(
                                prometheus.resolve(
                                        "/api/v1/query?query="
                                                + URLEncoder.encode(expr, StandardCharsets.UTF_8)))
                        .get();
        assertThat(reply.status()).as(expr + " -> " + reply).isEqualTo(200);
        return reply.json().get("data").get("result");
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
