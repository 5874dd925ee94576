package dev.aic.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;

/**
 * The trace backend the services export to, as {@code ./platform up} runs it: Zipkin's runnable
 * server (copied beside the development identity provider by its pom) with in-memory storage, on a
 * fixed port of this machine.
 */
final class Zipkin implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final Path log;
    private final Process process;

    private Zipkin(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static Zipkin start(int port) {
        Path root =
                Path.of(System.getProperty("aic.services.dir", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("dev-identity").resolve("target").resolve("zipkin-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "No " + jar + ": build dev-identity first (mvn -pl dev-identity package)");
        }
        Path log = Path.of("target", "services", "zipkin.log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            var builder =
                    new ProcessBuilder(
                                    "java",
                                    "-Xmx256m",
                                    "-XX:TieredStopAtLevel=1",
                                    "-jar",
                                    jar.toString(),
                                    "--armeria.ports[0].ip=127.0.0.1",
                                    "--armeria.ports[0].port=" + port,
                                    "--armeria.ports[0].protocols=http")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // the oldest spans are dropped past this many: every suite of a run sends its spans
            // here
            builder.environment().put("MEM_MAX_SPANS", "20000");
            return new Zipkin(port, log, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start Zipkin from " + jar, e);
        }
    }

    Zipkin awaitReady(Duration atMost) {
        Awaitility.await("Zipkin ready (log: " + log + ")")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException(
                                        "Zipkin exited with "
                                                + process.exitValue()
                                                + "; log: "
                                                + log);
                            }
                            return get("/health").isPresent();
                        });
        return this;
    }

    /** Where the services send their spans. */
    String spansEndpoint() {
        return url("/api/v2/spans").toString();
    }

    /** Every span Zipkin holds of one trace, as its API answers; empty while it has none. */
    Optional<JsonNode> trace(String traceId) {
        return get("/api/v2/trace/" + traceId)
                .map(
                        body -> {
                            try {
                                return Http.JSON.readTree(body);
                            } catch (IOException e) {
                                throw new IllegalStateException("Not JSON from Zipkin: " + body, e);
                            }
                        });
    }

    private Optional<String> get(String path) {
        try {
            var answer =
                    HTTP.send(
                            HttpRequest.newBuilder(url(path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? Optional.of(answer.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
